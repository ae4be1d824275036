import Foundation
import Testing

/// The cat spec run by the built binary where no copy of the cat files exists and the mirrors
/// cannot be reached: exit 66 with the mirrors tried, the fetch command and `RUNNER_DATA_PATH`.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct CatDataBinaryTests {
  /// `experiments/cat.yaml` copied into a project whose `runner.yaml` has no data path.
  static func isolatedCatSpec() throws -> (spec: String, root: URL) {
    let root = SweepBinary.temporaryDirectory()
    let experiments = root.appendingPathComponent("experiments")
    try FileManager.default.createDirectory(at: experiments, withIntermediateDirectories: true)
    try "data_path: []\n".write(
      to: root.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    let spec = experiments.appendingPathComponent("cat.yaml")
    try FileManager.default.copyItem(
      at: SweepBinary.root.appendingPathComponent("experiments/cat.yaml"), to: spec)
    return (spec.path, root)
  }

  @Test func noCopyAndNoNetworkExits66WithTheWaysToGetTheFiles() throws {
    let (spec, root) = try Self.isolatedCatSpec()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let r = try SweepBinary.run(
      ["run", spec, "--results-dir", results.path],
      environment: [
        "XDG_CACHE_HOME": root.appendingPathComponent("cache").path, "RUNNER_DATA_PATH": "",
        "RUNNER_DATASET_MIRRORS": "http://127.0.0.1:9/unreachable",
      ])
    #expect(r.status == 66, "\(r.error)")
    #expect(
      r.error.contains(
        "cat.yaml:15:11: error: dataset 'catvnoncat': file 'catvnoncat/train_catvnoncat.h5' is on "
          + "no data search path and could not be downloaded"), "\(r.error)")
    #expect(r.error.contains("http://127.0.0.1:9/unreachable/catvnoncat/train_catvnoncat.h5: "))
    #expect(r.error.contains("run `\(SweepBinary.command()) data fetch catvnoncat`"))
    #expect(r.error.contains("point RUNNER_DATA_PATH at the folder that holds catvnoncat/"))
    #expect(!FileManager.default.fileExists(atPath: results.path))
    let folder = root.appendingPathComponent("cache/runner/catvnoncat")
    #expect(!FileManager.default.fileExists(atPath: folder.path))  // nothing left in the cache
  }

  /// The folder holding a copy of the cat files (`catvnoncat/`): the shared datasets beside
  /// the project, else `/work/shared/datasets`; nil when neither has them.
  static var sharedDatasets: String? {
    let shared = SweepBinary.root.appendingPathComponent("../shared/datasets").standardizedFileURL
    let copy =
      FileManager.default.fileExists(atPath: shared.path + "/catvnoncat")
      ? shared.path : "/work/shared/datasets"
    return FileManager.default.fileExists(atPath: copy + "/catvnoncat/test_catvnoncat.h5")
      ? copy : nil
  }

  @Test func aCopyOnRunnerDataPathRunsWithoutTheNetwork() throws {
    guard let copy = Self.sharedDatasets else {
      return  // no copy of the cat files on this machine
    }
    let (spec, root) = try Self.isolatedCatSpec()
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try SweepBinary.run(
      ["run", spec, "--results-dir", root.appendingPathComponent("results").path],
      environment: [
        "XDG_CACHE_HOME": root.appendingPathComponent("cache").path, "RUNNER_DATA_PATH": copy,
        "RUNNER_DATASET_MIRRORS": "http://127.0.0.1:9/unreachable",
      ])
    #expect(r.status == 0, "\(r.error)")
    let summary = try String(
      contentsOf: root.appendingPathComponent("results/cat/summary.csv"), encoding: .utf8)
    #expect(summary.contains(String(207.0 / 209.0)) && summary.contains("0.7"), "\(summary)")
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("cache").path))
  }
}
