import Datasets
import Foundation
import Specs
import Testing

@testable import Pipeline

/// A fresh clone has the data its first runs need: every spec in `experiments/` that reads
/// bundled data or a generator finds its data with no `../shared` beside the project, no
/// `RUNNER_DATA_PATH`, an empty cache and no downloads; the others name downloaded datasets.
@Suite struct FreshCloneDataTests {
  /// The specs whose data is downloaded (MNIST, Fashion-MNIST, the cat files).
  static let downloaded: Set<String> = [
    "cat.yaml", "report_cat.yaml", "mnist-mlp-sgd.yaml", "fashion-mnist-mlp-adam.yaml",
    "fashion-mnist-mlp-sgd.yaml", "fashion-mnist-mlp-dropout-bn.yaml",
  ]

  /// A copy of the project's specs and `runner.yaml` in a folder with no `../shared`, the
  /// bundled data linked in as `experiments/data`.
  static func cloneLikeProject() throws -> URL {
    let root = TestProject.temporaryDirectory("fresh-clone").appendingPathComponent("runner")
    let experiments = root.appendingPathComponent("experiments")
    try FileManager.default.createDirectory(at: experiments, withIntermediateDirectories: true)
    let source = TestProject.root.appendingPathComponent("experiments")
    for name in try FileManager.default.contentsOfDirectory(atPath: source.path)
    where name.hasSuffix(".yaml") {
      try FileManager.default.copyItem(
        at: source.appendingPathComponent(name), to: experiments.appendingPathComponent(name))
    }
    try FileManager.default.createSymbolicLink(
      at: experiments.appendingPathComponent("data"),
      withDestinationURL: source.appendingPathComponent("data"))
    try FileManager.default.copyItem(
      at: TestProject.root.appendingPathComponent("runner.yaml"),
      to: root.appendingPathComponent("runner.yaml"))
    return root
  }

  @Test func specsUsingBundledDataOrGeneratorsFindTheirDataWithoutShared() throws {
    let root = try Self.cloneLikeProject()
    defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("../shared").path))
    let environment = [
      "HOME": root.path, "XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
      "RUNNER_DATASET_MIRRORS": "",  // nothing is downloaded
    ]
    let specs = try FileManager.default.contentsOfDirectory(
      atPath: root.appendingPathComponent("experiments").path
    ).filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(specs.count >= 20)
    for name in specs {
      let path = root.appendingPathComponent("experiments").appendingPathComponent(name).path
      let loaded = try ExperimentRunner.load(specPath: path)
      let context = try ProjectContext(
        specPath: path, environment: environment,
        resultsRoot: root.appendingPathComponent("r").path)
      let execution = RunExecution<Double>(loaded: loaded, context: context, observer: { _ in })
      do {
        let data = try execution.prepareData()
        #expect(!Self.downloaded.contains(name), "\(name) found data it should download")
        #expect(data.train.count > 0, "\(name)")
      } catch {
        #expect(Self.downloaded.contains(name), "\(name): \(error)")
        if case .data(let dataError, _) = error {
          guard case .namedDatasetMissing = dataError else {
            Issue.record("\(name): \(dataError)")
            continue
          }
          #expect(dataError.exitCode == 66)
        } else {
          Issue.record("\(name): \(error)")
        }
      }
    }
  }
}
