import Foundation
import Testing

/// A run's `spec.resolved.yaml`, run again, gives the same result files (docs/results.md: it
/// "runs again as it is"): nothing a run writes may depend on whether a key was written or
/// left at its default, since the resolved spec writes every key.
@Suite struct ResolvedSpecRerunTests {
  /// The files of a run folder that the run's numbers and texts make (timings, the environment
  /// record and the spec file itself aside).
  func resultFiles(_ directory: String) throws -> [String: Data] {
    let skipped: Set<String> = ["timings.csv", "environment.csv", "spec.resolved.yaml"]
    let names = try FileManager.default.subpathsOfDirectory(atPath: directory).filter {
      !skipped.contains($0) && !$0.hasPrefix("report.")
        && !FileManager.default.isDirectory(atPath: directory + "/" + $0)
    }
    return try Dictionary(
      uniqueKeysWithValues: names.map {
        ($0, try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0)))
      })
  }

  /// The docs' smallest spec (high bias against an unwritten base error of 0, which the
  /// resolved spec writes as 0.0) and a regression whose bias is not judged.
  @Test(arguments: [
    "name: smallest\ndataset: {generator: moons, split: {train: 0.8, test: 0.2}}\n"
      + "model: {type: logreg}\n",
    "name: line\ndataset: {generator: {type: sine, samples: 40}, split: {test: 0.25}}\n"
      + "model: {type: linreg}\noptimizer: {type: gd, iterations: 50}\n",
  ])
  func aResolvedSpecReproducesItsRun(_ text: String) throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let first = try TestProject.run(
      try TestProject.writeSpec(text, in: directory), resultsRoot: directory)
    let resolved = try String(
      contentsOfFile: first.directory + "/spec.resolved.yaml", encoding: .utf8)
    let again = try TestProject.run(
      try TestProject.writeSpec(resolved, named: "resolved.yaml", in: directory),
      resultsRoot: directory,
      overrides: ["output=again"])
    let (a, b) = (try resultFiles(first.directory), try resultFiles(again.directory))
    #expect(a.keys.sorted() == b.keys.sorted())
    for (name, bytes) in a where b[name] != bytes {
      Issue.record("\(name) differs when the resolved spec runs again")
    }
    #expect(a["bias_variance.csv"] != nil)
  }
}

extension ResolvedSpecRerunTests {
  /// A spec naming its data file relative to its own folder: the resolved spec, run from the
  /// results folder (and a rerun's, in turn), finds the data as the run did (from the spec its
  /// `environment.csv` records) and gives the same files.
  @Test func aResolvedSpecFindsItsDataAsTheRunDid() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let rows = (0..<30).map { "\($0),\($0 % 3 == 0 ? 1 : 0)" }.joined(separator: "\n")
    try ("x,y\n" + rows + "\n").write(
      to: directory.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      "name: points\ndataset: {file: points.csv, target: y, split: {test: 0.2}}\n"
        + "model: {type: logreg}\noptimizer: {type: gd, iterations: 20}\n", in: directory)
    let first = try TestProject.run(spec, resultsRoot: directory.appendingPathComponent("a"))
    let again = try TestProject.run(
      first.directory + "/spec.resolved.yaml", resultsRoot: directory.appendingPathComponent("b"))
    let third = try TestProject.run(
      again.directory + "/spec.resolved.yaml", resultsRoot: directory.appendingPathComponent("c"))
    #expect(try resultFiles(first.directory) == resultFiles(third.directory))
  }
}

extension FileManager {
  fileprivate func isDirectory(atPath path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
