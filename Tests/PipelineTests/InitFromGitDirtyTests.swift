import Foundation
import Testing

@testable import Pipeline

/// `environment.csv`'s `git_dirty` counts the arrays `model.init.from` starts from as it counts
/// the spec and the data files: untracked in the spec's working tree, they are not in the
/// commit, so "commit X, clean" could not make the run again.
@Suite struct InitFromGitDirtyTests {
  static let data = "x1,x2,y\n1.0,0.5,0.2\n2,0,1\n0,-1,0.5\n-1,1,0\n"

  /// A small mlp named `name`, starting from `from` when given.
  static func spec(_ name: String, from: String? = nil) -> String {
    """
    name: \(name)
    dataset: {file: train.csv, features: [x1, x2], target: y}
    model:
      type: mlp
      layers: [{units: 3, activation: tanh}, {units: 1, activation: identity}]
    \(from.map { "  init: {from: \($0)}\n" } ?? "")loss: mse
    optimizer: {type: gd, iterations: 2}
    report: {plots: false}
    """
  }

  /// The `git_dirty` that `outcome`'s `environment.csv` records.
  static func dirty(_ outcome: RunOutcome) throws -> String? {
    let table = try TestProject.table(outcome.directory, "environment.csv")
    return table.rows.first { $0.first == "git_dirty" }?.last
  }

  @Test func untrackedStartingParametersMakeTheRunDirty() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try Self.data.write(
      to: directory.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
    let source = try TestProject.writeSpec(Self.spec("src"), named: "src.yaml", in: directory)
    let start = try TestProject.writeSpec(
      Self.spec("start", from: "saved/src/params"), named: "start.yaml", in: directory)
    guard try GitStateTests.git(["init", "-q"], in: directory) == 0,
      try GitStateTests.git(["add", "train.csv", "src.yaml", "start.yaml"], in: directory) == 0,
      try GitStateTests.git(["commit", "-q", "-m", "first"], in: directory) == 0
    else {
      Issue.record("git could not make a repository")
      return
    }
    let saved = try TestProject.run(source, resultsRoot: directory.appendingPathComponent("saved"))
    // The source run read only committed files.
    #expect(try Self.dirty(saved) == "false")
    let results = directory.appendingPathComponent("results")
    // Its parameters, untracked, are the start of this run.
    #expect(try Self.dirty(try TestProject.run(start, resultsRoot: results)) == "true")
  }
}
