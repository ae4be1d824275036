import Foundation
import Testing

/// `runner ls`, `runner compare`, `--json` and a regression gate on `runner diff --better`,
/// through the built binary on real runs.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct HistoryBinaryTests {
  static let spec = SweepBinary.root.appendingPathComponent("experiments/gates-logreg.yaml").path

  /// Runs gates-logreg with `overrides` into `results`; returns the `--json` outcome.
  static func run(_ results: URL, _ overrides: [String]) throws -> [String: Any] {
    let r = try SweepBinary.run(
      ["run", spec, "--results-dir", results.path, "--json"] + overrides.flatMap { ["--set", $0] })
    #expect(r.status == 0, "\(r.error)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
  }

  static func json(_ r: SweepBinary.Result) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
  }

  @Test("a gate on diff --better passes an improved run and fails a worse one")
  func regressionGate() throws {
    let results = SweepBinary.temporaryDirectory()
    let base = try Self.run(results, ["optimizer.iterations=400"])
    #expect(base["command"] as? String == "run")
    #expect(base["exit_code"] as? Int == 0)
    #expect((base["metrics"] as? [String: Any])?["train_loss"] is Double)
    let better = try Self.run(results, ["optimizer.iterations=1600"])
    let worse = try Self.run(results, ["optimizer.iterations=100"])
    func gate(_ candidate: [String: Any]) throws -> SweepBinary.Result {
      try SweepBinary.run([
        "diff", "\(base["directory"]!)/summary.csv", "\(candidate["directory"]!)/summary.csv",
        "--only", "train_loss", "--better", "lower:train_loss", "--json",
      ])
    }
    let improved = try gate(better)
    #expect(improved.status == 0, "\(improved.output)")
    #expect(try Self.json(improved)["verdict"] as? String == "improved")
    let regressed = try gate(worse)
    #expect(regressed.status == 1, "\(regressed.output)")
    #expect(try Self.json(regressed)["verdict"] as? String == "different")
    // Without --better the improvement fails like a regression.
    let twoSided = try SweepBinary.run([
      "diff", "\(base["directory"]!)/summary.csv", "\(better["directory"]!)/summary.csv",
      "--only", "train_loss",
    ])
    #expect(twoSided.status == 1)
  }

  @Test("ls sorts the runs by a metric; compare writes its page; validate --json")
  func lsCompareValidate() throws {
    let results = SweepBinary.temporaryDirectory()
    for n in [100, 400, 1600] { _ = try Self.run(results, ["optimizer.iterations=\(n)"]) }
    let ls = try SweepBinary.run([
      "ls", results.path, "--sort", "train_loss", "--desc", "--format", "csv",
      "--columns", "name,train_loss",
    ])
    #expect(ls.status == 0, "\(ls.error)")
    let lines = ls.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "name,train_loss")
    #expect(
      lines.dropFirst().map { $0.split(separator: ",")[0] } == [
        "gates-logreg@optimizer.iterations=100", "gates-logreg@optimizer.iterations=400",
        "gates-logreg@optimizer.iterations=1600",
      ])
    let bad = try SweepBinary.run(["ls", results.path, "--sort", "nope"])
    #expect(bad.status == 64)
    #expect(bad.error.contains("no listed run has a column 'nope'"))
    let into = results.appendingPathComponent("cmp")
    let compare = try SweepBinary.run(
      [
        "compare", "gates-logreg@optimizer.iterations=100",
        "gates-logreg@optimizer.iterations=1600", "--results-dir", results.path,
        "--into", into.path,
      ])
    #expect(compare.status == 0, "\(compare.error)")
    #expect(
      FileManager.default.fileExists(atPath: into.appendingPathComponent("compare.html").path))
    #expect(compare.output.contains("optimizer.iterations"))
    let validate = try SweepBinary.run(["validate", Self.spec, "--json"])
    #expect(validate.status == 0)
    let object = try Self.json(validate)
    #expect(object["valid"] as? Bool == true)
    #expect((object["specs"] as? [[String: Any]])?.first?["spec"] as? String == Self.spec)
  }

  @Test("sweep --json names the failed trial; ls lists trials with status and reason")
  func sweepJSON() throws {
    let root = SweepBinary.temporaryDirectory()
    let r = try SweepBinary.run([
      "sweep", SweepBinary.fixture("diverging.yaml"), "--results-dir", root.path, "--json",
    ])
    #expect(r.status == 1)
    let object = try Self.json(r)
    #expect(object["command"] as? String == "sweep")
    #expect(object["status"] as? String == "failed")
    #expect(object["exit_code"] as? Int == 1)
    #expect((object["failed"] as? [[String: Any]])?.count == 1)
    #expect((object["trials"] as? [[String: Any]])?.count == 3)
    // The best trial by the objective is the first of the ranked trials; the failed one last.
    let trials = try #require(object["trials"] as? [[String: Any]])
    let best = try #require(object["best"] as? [String: Any])
    #expect(best["trial"] as? String == trials.first?["trial"] as? String)
    #expect(trials.last?["status"] as? String == "failed")
    let directory = try #require(object["directory"] as? String)
    let ls = try SweepBinary.run(["ls", directory, "--where", "status=failed", "--format", "json"])
    #expect(ls.status == 0, "\(ls.error)")
    let runs = try #require(try Self.json(ls)["runs"] as? [[String: Any]])
    #expect(runs.count == 1)
    #expect(
      ((runs[0]["metrics"] as? [String: Any])?["reason"] as? String)?.contains("diverged") == true)
  }

  @Test("run --json and validate --json report a bad spec with its located diagnostics")
  func badSpecJSON() throws {
    let dir = SweepBinary.temporaryDirectory()
    let bad = dir.appendingPathComponent("bad.yaml")
    try String(contentsOfFile: Self.spec, encoding: .utf8)
      .replacingOccurrences(of: "learning_rate: 1.0", with: "learnig_rate: 1.0")
      .write(to: bad, atomically: true, encoding: .utf8)
    for command in ["run", "validate"] {
      let r = try SweepBinary.run([command, bad.path, "--json"])
      #expect(r.status == 65)
      let object = try Self.json(r)
      #expect(object["exit_code"] as? Int == 65)
      let diagnostics =
        command == "run"
        ? object["diagnostics"] as? [[String: Any]]
        : (object["specs"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]]
      #expect(diagnostics?.first?["file"] as? String == bad.path)
      #expect(diagnostics?.first?["line"] as? Int != nil)
      #expect((diagnostics?.first?["message"] as? String)?.contains("learnig_rate") == true)
    }
  }
}
