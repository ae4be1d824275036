import Conventions
import Foundation
import Testing

@testable import Pipeline

/// gate.csv rows are checked before anything runs: names such as `../../victim`, `.`, `..`,
/// empty, `a/b` or `.history` failed with OS errors or were recorded where they block later
/// records, inf tolerances passed anything, a duplicate ran twice and an absolute spec path was
/// re-rooted (tester AK7, session 37).
@Suite("regression gate: gate.csv rows refused at their line")
struct GateManifestRowTests {
  static let header = "name,spec,command,atol,rtol,iteration_rtol\n"
  static let good = "xor,experiments/xor.yaml,run,1e-10,1e-7,0.25\n"

  /// The error loading a manifest of `rows` (after a good first row), nil when it loads.
  func refusal(_ rows: String) throws -> GateError? {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("gate.csv")
    try (Self.header + Self.good + rows).write(to: url, atomically: true, encoding: .utf8)
    do {
      _ = try GateEntry.load(url)
      return nil
    } catch {
      return error
    }
  }

  @Test("a name must be a plain folder name inside results/baseline, and unique")
  func names() throws {
    for name in [
      "../../victim", ".", "..", "", " ", "a/b", ".history", ".previous-xor", "gate.csv",
    ] {
      let error = try #require(try refusal("\(name),experiments/x.yaml,run,0,0,0\n"), "\(name)")
      #expect(error.exitCode == .dataError)
      guard case .row(let path, let line, let reason) = error else {
        Issue.record("\(name): \(error)")
        continue
      }
      #expect(path.hasSuffix("/gate.csv") && line == 3, "\(name)")
      #expect(
        reason.hasPrefix("name '\(name)' must be a plain folder name inside results/baseline"))
    }
    let twice = try #require(try refusal(Self.good))
    #expect(
      twice.description.hasSuffix(
        "gate.csv:3: name 'xor' is already the entry of line 2; give each a name of its own"),
      "\(twice)")
    #expect(try refusal("xor-2,experiments/x.yaml,sweep,0,0,0\n") == nil)
  }

  @Test("tolerances must be finite numbers ≥ 0; the spec a path relative to the project")
  func tolerancesAndSpec() throws {
    for row in [
      "a,e/x.yaml,run,inf,0,0", "a,e/x.yaml,run,0,-1,0", "a,e/x.yaml,run,0,0,nan",
      "a,e/x.yaml,run,0,0,x",
    ] {
      let error = try #require(try refusal(row + "\n"), "\(row)")
      #expect(
        error.description.contains(":3: atol, rtol and iteration_rtol must be finite numbers ≥ 0"),
        "\(error)")
    }
    let absolute = try #require(try refusal("a,/dev/zero,run,0,0,0\n"))
    #expect(
      absolute.description.contains(
        ":3: spec '/dev/zero' must be a path relative to the project root"), "\(absolute)")
    let command = try #require(try refusal("a,e/x.yaml,train,0,0,0\n"))
    #expect(command.description.contains(":3: command 'train' must be run or sweep"), "\(command)")
    // The shipped manifest passes.
    #expect(
      try GateEntry.load(GateSupport.root.appendingPathComponent("results/baseline/gate.csv")).count
        == 9)
  }
}
