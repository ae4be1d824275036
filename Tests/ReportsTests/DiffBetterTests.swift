import Conventions
import Foundation
import Testing

@testable import Reports

@Suite("runner diff --better: one-sided tolerance, and --json")
struct DiffBetterTests {
  let baseline = "trial,dev_accuracy,dev_loss,iterations\nt1,0.90,0.30,800\n"

  /// Writes A and B as summary.csv files in a fresh folder; returns their paths.
  func files(_ a: String, _ b: String) throws -> (String, String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "diff-better-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let (pa, pb) = (dir.appendingPathComponent("a.csv"), dir.appendingPathComponent("b.csv"))
    try a.write(to: pa, atomically: true, encoding: .utf8)
    try b.write(to: pb, atomically: true, encoding: .utf8)
    return (pa.path, pb.path)
  }

  func gate(_ new: String, _ better: [String], only: Set<String> = [], atol: Double = 0) throws
    -> DiffCommandResult
  {
    let (a, b) = try files(baseline, new)
    var options = DiffOptions(absoluteTolerance: atol)
    options.onlyColumns = only
    return DiffCommandResult.run(a: a, b: b, options: options, better: better)
  }

  @Test("an improvement passes and is listed; a regression fails")
  func oneSided() throws {
    let better = ["higher:dev_accuracy", "lower:dev_loss"]
    let improved = try gate("trial,dev_accuracy,dev_loss,iterations\nt1,0.95,0.25,800\n", better)
    #expect(improved.status == DiffCommandResult.same)
    #expect(improved.verdict == "improved")
    #expect(improved.output.contains("improved: trial=t1, dev_accuracy 0.90 -> 0.95"))
    #expect(improved.output.contains("no regression: 2 improvements"))
    let worse = try gate("trial,dev_accuracy,dev_loss,iterations\nt1,0.85,0.25,800\n", better)
    #expect(worse.status == DiffCommandResult.different)
    #expect(worse.verdict == "different")
    #expect(worse.diff?.files.first?.changes.map(\.column) == ["dev_accuracy"])
    #expect(worse.diff?.files.first?.improvements.map(\.column) == ["dev_loss"])
  }

  @Test("a regression within tolerance passes; other columns still compare both ways")
  func tolerance() throws {
    let slightly = "trial,dev_accuracy,dev_loss,iterations\nt1,0.899,0.30,800\n"
    #expect(try gate(slightly, ["higher:dev_accuracy"], atol: 0.01).status == .success)
    #expect(try gate(slightly, ["higher:dev_accuracy"]).status == .failure)
    let moreIterations = "trial,dev_accuracy,dev_loss,iterations\nt1,0.95,0.30,900\n"
    #expect(try gate(moreIterations, ["higher:dev_accuracy"]).status == .failure)
    let gated = try gate(moreIterations, ["higher:dev_accuracy"], only: ["dev_accuracy"])
    #expect(gated.status == .success)
  }

  /// `--better` alone fails on any other difference (`tolerance` above), so the README's gate
  /// shows `--only`, and no longer claims `--better` alone fails only a regression.
  @Test("the README's --better gate names --only")
  func readmeGate() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(
      contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(!readme.contains("passes an improvement and fails only a regression"))
    let gate = try #require(readme.range(of: "--only dev_accuracy --better higher:dev_accuracy"))
    #expect(readme[..<gate.lowerBound].hasSuffix("\n      "))
  }

  /// A misspelt `--tol` column would loosen nothing and tighten nothing: a gate that looks
  /// stricter than it is. It is trouble, like a misspelt `--only`.
  @Test("a --tol column no file has is trouble (exit 2)")
  func misspeltToleranceColumn() throws {
    let (a, b) = try files(baseline, "trial,dev_accuracy,dev_loss,iterations\nt1,0.90,0.45,800\n")
    let options = DiffOptions(relativeTolerance: 0.6)
    let typo = DiffCommandResult.run(a: a, b: b, options: options, columnTolerances: ["dev_los=0"])
    #expect(typo.status == .trouble)
    #expect(typo.error.contains("no compared file has a column 'dev_los' in both A and B"))
    let right = DiffCommandResult.run(
      a: a, b: b, options: options, columnTolerances: ["dev_loss=0"])
    #expect(right.status == .failure)
  }

  @Test("a bad --better or a column no file has is trouble (exit 2)")
  func badOptions() throws {
    let same = baseline
    #expect(try gate(same, ["up:dev_accuracy"]).status == .trouble)
    #expect(try gate(same, ["higher:"]).status == .trouble)
    let typo = try gate(same, ["higher:dev_acuracy"])
    #expect(typo.status == .trouble)
    #expect(typo.error.contains("dev_acuracy"))
    #expect(try gate(same, [], only: ["nope"]).status == .trouble)
  }

  @Test("--json: verdict, exit code, tolerances and every change with its delta")
  func json() throws {
    let result = try gate(
      "trial,dev_accuracy,dev_loss,iterations\nt1,0.85,0.25,800\n", ["higher:dev_accuracy"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.json.rendered.utf8)) as? [String: Any])
    #expect(object["command"] as? String == "diff")
    #expect(object["verdict"] as? String == "different")
    #expect(object["exit_code"] as? Int == 1)
    #expect((object["better"] as? [String: String]) == ["dev_accuracy": "higher"])
    let files = try #require(object["files"] as? [[String: Any]])
    #expect(files.count == 1)
    #expect(files[0]["differs"] as? Bool == true)
    #expect(files[0]["key_columns"] as? [String] == ["trial"])
    let changes = try #require(files[0]["changes"] as? [[String: Any]])
    #expect(changes.map { $0["column"] as? String } == ["dev_accuracy", "dev_loss"])
    #expect(changes[0]["old"] as? Double == 0.9)
    #expect(changes[0]["new"] as? Double == 0.85)
    #expect(abs((changes[0]["delta"] as? Double ?? 0) + 0.05) < 1e-12)
    let trouble = DiffCommandResult.run(a: "/nonexistent/a", b: "/nonexistent/b", options: .init())
    let troubleObject = try #require(
      try JSONSerialization.jsonObject(with: Data(trouble.json.rendered.utf8)) as? [String: Any])
    #expect(troubleObject["verdict"] as? String == "trouble")
    #expect(troubleObject["exit_code"] as? Int == 2)
    #expect((troubleObject["error"] as? String)?.contains("/nonexistent/a") == true)
  }

  @Test(
    "the terminal rounds changed numbers to 5 significant digits unless equal; --json keeps all")
  func roundedChanges() throws {
    let (a, b) = try files(
      "trial,dev_loss,dev_accuracy\nt1,0.30000000000000004,0.9904306220095693\n",
      "trial,dev_loss,dev_accuracy\nt1,0.2512345678901234,0.9904306220095694\n")
    let result = DiffCommandResult.run(a: a, b: b, options: DiffOptions())
    #expect(result.status == DiffCommandResult.different)
    #expect(
      result.output.contains(
        "trial=t1  dev_loss      0.3                 0.25123             -0.04877"))
    // Equal once rounded: shown in full, so that the change is seen.
    #expect(result.output.contains("0.9904306220095693  0.9904306220095694"), "\(result.output)")
    #expect(result.json.rendered.contains("0.2512345678901234"))
  }

  @Test("the terminal shortens long text and lists at most --max-changes missing or new rows")
  func shortenedTextAndRows() throws {
    let long = String(repeating: "raise optimizer.iterations; ", count: 20)
    let rows = (1...40).map { "t\($0),x\n" }.joined()
    let (a, b) = try files(
      "trial,verdict\nt0,\(long)\n" + rows, "trial,verdict\nt0,fine\n")
    var options = DiffOptions()
    options.maxListedChanges = 5
    let result = DiffCommandResult.run(a: a, b: b, options: options)
    #expect(result.output.split(separator: "\n").allSatisfy { $0.count < 120 }, "\(result.output)")
    #expect(result.output.contains("missing row: trial=t5 (only in A)"))
    #expect(!result.output.contains("trial=t6"))
    #expect(result.output.contains("… and 35 more missing rows (only in A)"))
    #expect(result.json.rendered.contains(long))
  }
}
