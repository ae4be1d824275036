import Engine
import Foundation
import Specs
import Testing

@testable import Pipeline

/// The BLAS threads a run records are those that run: capped at the online CPUs, and at 1 by a
/// single-threaded OpenBLAS build (tester R10), with a warning located at `threads`.
@Suite struct ThreadCapTests {
  static func loaded(threads: Int) throws -> LoadedSpec {
    let text = """
      name: cap
      threads: \(threads)
      dataset: {name: iris}
      model: {type: logreg}
      optimizer: {type: lbfgs}
      """
    return try SpecLoader.load(text: text, file: "cap.yaml")
  }

  @Test func aSerialBuildRunsAndRecordsOneThreadWithAWarningAtThreads() throws {
    let (capped, warning) = ExperimentRunner.capThreads(
      try Self.loaded(threads: 2), cpus: 8, model: .serial)
    #expect(capped.spec.threads == 1)
    let text = try #require(warning?.description)
    #expect(
      text.contains(
        "cap.yaml:2:10: warning: threads: 2 cannot be honoured by this OpenBLAS, a "
          + "single-threaded build (SINGLE_THREADED); using 1"), "\(text)")
    #expect(text.contains("results (float64 and float32) are byte-identical only at equal threads"))
  }

  @Test func oneThreadNeedsNoWarningFromASerialBuild() throws {
    let (capped, warning) = ExperimentRunner.capThreads(
      try Self.loaded(threads: 1), cpus: 8, model: .serial)
    #expect(capped.spec.threads == 1 && warning == nil)
  }

  @Test func threadedBuildsAreCappedAtTheCPUsOnly() throws {
    for model: BLAS.ParallelModel in [.pthreads, .openMP] {
      let (within, none) = ExperimentRunner.capThreads(
        try Self.loaded(threads: 2), cpus: 2, model: model)
      #expect(within.spec.threads == 2 && none == nil)
      let (capped, warning) = ExperimentRunner.capThreads(
        try Self.loaded(threads: 4), cpus: 2, model: model)
      #expect(capped.spec.threads == 2)
      #expect(warning?.description.contains("threads: 4 is more than the 2 CPUs") == true)
    }
  }

  @Test func strictRefusesWhatASerialBuildCannotRunWithoutSayingUsing() throws {
    let error = try #require(
      ExperimentRunner.strictThreads(
        try Self.loaded(threads: 2), cpus: 8, model: .serial, strict: true))
    let text = "\(error)"
    #expect(text.contains("threads: 2 cannot be honoured by this OpenBLAS"), "\(text)")
    #expect(!text.contains("using 1"), "\(text)")
    #expect(
      ExperimentRunner.strictThreads(
        try Self.loaded(threads: 2), cpus: 8, model: .serial, strict: false) == nil)
  }
}
