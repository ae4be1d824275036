import Foundation
import Specs
import Testing

@testable import Pipeline

/// A float64 array read into a `dtype: float32` run is cast to float32, where a value beyond
/// its range becomes infinite: `model.init.from` refuses it (`runner validate` and `runner
/// run` alike), naming the file, the index and the value, instead of training from inf and
/// saving parameters it then refuses to read back.
@Suite struct InitFromFloat32RangeTests {
  static let float32 = InitFromStrictTests.spec + "\ndtype: float32\n"

  @Test func aValueBeyondFloat32sRangeIsRefusedUnderFloat32() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let saved = try InitFromStrictTests.savedRun(
      InitFromStrictTests.spec, in: directory, name: "bn")
    let weights = saved.appendingPathComponent("layer1_weights.npy")
    // 2 inputs × 4 units; 3e38 at [0, 1] is within float32's range, 1e300 at [1, 2] beyond.
    let values = [0.1, 3e38, -0.2, 0.3, 0.4, -0.5, 1e300, 0.6]
    try InitFromStrictTests.write(values, shape: [2, 4], to: weights)
    let text = try InitFromStrictTests.refusal(Self.float32, from: saved, in: directory)
    #expect(
      text.contains(
        "\(weights.path) holds 1e+300 at [1, 2], beyond float32's range: float32 holds at most "
          + "±\(Float.greatestFiniteMagnitude), so the run (dtype: float32) would start from an "
          + "infinite value"), "\(text)")
    #expect(
      text.contains("note: train in float64 (`dtype: float64`), or start from another run's"),
      "\(text)")

    // The run refuses it before training, as validate does.
    let spec = try TestProject.writeSpec(
      Self.float32.replacingOccurrences(
        of: "  type: mlp\n", with: "  type: mlp\n  init: {from: \(saved.path)}\n"),
      named: "run.yaml", in: directory)
    let results = directory.appendingPathComponent("runs")
    let error = #expect(throws: PipelineError.self) {
      try TestProject.run(spec, resultsRoot: results)
    }
    #expect(
      error?.description.contains("\(weights.path) holds 1e+300 at [1, 2]") == true,
      "\(String(describing: error))")

    // float64 holds it: the same folder starts a float64 run.
    let plain = try TestProject.writeSpec(
      InitFromStrictTests.spec.replacingOccurrences(
        of: "  type: mlp\n", with: "  type: mlp\n  init: {from: \(saved.path)}\n"),
      named: "plain.yaml", in: directory)
    try ExperimentRunner.checkInitParameters(try SpecLoader.load(file: plain))

    // Within float32's range, the weights are accepted; a batch-normalization array is checked
    // as the weights are.
    try InitFromStrictTests.write(
      values.map { $0 == 1e300 ? -3.4e38 : $0 }, shape: [2, 4], to: weights)
    try ExperimentRunner.checkInitParameters(try SpecLoader.load(file: spec))
    let mean = saved.appendingPathComponent("layer1_bn_running_mean.npy")
    try InitFromStrictTests.write([0, 0, -1e39, 0], shape: [4], to: mean)
    let normalization = try InitFromStrictTests.refusal(Self.float32, from: saved, in: directory)
    #expect(normalization.contains("\(mean.path) holds -1e+39 at [2], beyond float32's range"))
  }
}
