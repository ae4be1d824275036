import Foundation
import Specs
import Testing

@testable import Pipeline

/// `seedReaders` against the runs themselves: every shipped experiment that trains in seconds
/// runs with seeds 0 and 1. Where nothing draws from the seed the results are byte-identical
/// (the `seed` column and the resolved spec aside, `Fingerprint`); where something does, they
/// differ, so the rule neither refuses a seed that matters nor misses one that does not.
@Suite struct UnusedSeedRunTests {
  /// The shipped single runs, less the slow ones (MNIST, Fashion-MNIST, digits, the cat
  /// images and their curves) and the sweeps (`UnusedSeedTests` covers a seed axis).
  static let experiments: [String] = {
    let folder = TestProject.root.appendingPathComponent("experiments").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    let slow = ["mnist", "fashion", "digits", "cat"]
    return names.filter { name in
      name.hasSuffix(".yaml") && !slow.contains { name.contains($0) }
        && (try? TestProject.experimentText(name).contains("\nsweep:")) == false
    }.sorted()
  }()

  @Test func theShippedRunsIncludeBothKinds() throws {
    let inert = try Self.experiments.filter { try Self.readers($0).isEmpty }
    #expect(inert.count >= 5 && inert.count < Self.experiments.count - 5, "\(inert)")
  }

  static func readers(_ name: String) throws -> [String] {
    let loaded = try SpecLoader.load(file: TestProject.experiment(name))
    return loaded.spec.seedReaders(loaded.sourceMap)
  }

  @Test(arguments: experiments)
  func resultsChangeWithTheSeedExactlyWhereSomethingDrawsFromIt(_ name: String) throws {
    let readers = try Self.readers(name)
    let directory = TestProject.temporaryDirectory(name)
    defer { try? FileManager.default.removeItem(at: directory) }
    let runs = try [0, 1].map { seed in
      let outcome = try TestProject.run(
        TestProject.experiment(name), resultsRoot: directory.appendingPathComponent("\(seed)"),
        overrides: ["seed=\(seed)"])
      return Fingerprint(directory: outcome.directory)
    }
    #expect(!runs[0].files.isEmpty)
    if readers.isEmpty {
      #expect(runs[0] == runs[1], "\(name): nothing draws from the seed, yet the results differ")
    } else {
      #expect(runs[0] != runs[1], "\(name): \(readers) draw from the seed, yet nothing differs")
    }
  }
}
