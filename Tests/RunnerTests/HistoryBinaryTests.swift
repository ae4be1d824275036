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

  @Test("sweep --json, its dry run, ls --format json and diff --json give every seed as text")
  func seedsAsText() throws {
    let root = SweepBinary.temporaryDirectory()
    let grid = SweepBinary.root.appendingPathComponent("experiments/moons-mlp-grid-sweep.yaml")
    let sweep = try SweepBinary.run(["sweep", grid.path, "--results-dir", root.path, "--json"])
    #expect(sweep.status == 0, "\(sweep.error)")
    // jq and JavaScript read 9688954508269481049 as 9688954508269482000: the digits go as text.
    #expect(sweep.output.contains(#""seed":"9688954508269481049""#))
    let trials = try #require(try Self.json(sweep)["trials"] as? [[String: Any]])
    #expect(trials.count == 12 && trials.allSatisfy { $0["seed"] is String })
    let trial = try #require(trials.first { $0["trial"] as? String == "8f7dfd590681" })
    #expect(trial["seed"] as? String == "9688954508269481049")
    #expect(trial["iterations"] as? Int == 800)
    let ls = try SweepBinary.run(["ls", root.path, "--format", "json"])
    #expect(ls.status == 0, "\(ls.error)")
    #expect(ls.output.contains(#""seed":"5756038973626781602""#))
    #expect(ls.output.contains(#""dataset.split.seed":"21""#))
    let runs = try #require(try Self.json(ls)["runs"] as? [[String: Any]])
    let seeds = runs.compactMap { ($0["parameters"] as? [String: Any])?["seed"] as? String }
    #expect(seeds.count == 12 && seeds.contains("5756038973626781602"))
    // A seed that differs: old and new as text, no delta (a seed's difference means nothing).
    let folder = root.appendingPathComponent("moons-mlp-grid-sweep")
    let diff = try SweepBinary.run([
      "diff", folder.appendingPathComponent("16bbb8793899/summary.csv").path,
      folder.appendingPathComponent("8f7dfd590681/summary.csv").path, "--only", "seed", "--json",
    ])
    #expect(diff.status == 1, "\(diff.error)")
    let files = try #require(try Self.json(diff)["files"] as? [[String: Any]])
    let change = try #require((files.first?["changes"] as? [[String: Any]])?.first)
    #expect(change["old"] as? String == "915245622597075976")
    #expect(change["new"] as? String == "9688954508269481049")
    #expect(change["delta"] is NSNull)
    #expect(diff.output.contains(#""old":"915245622597075976","new":"9688954508269481049""#))
    // A swept seed past 2^53 in the dry run's values (noisy gates draw from it).
    let spec = root.appendingPathComponent("seeds.yaml")
    try
      (try String(contentsOfFile: Self.spec, encoding: .utf8)
      .replacingOccurrences(of: "gate: and}", with: "gate: and, noise: 0.1}")
      + "sweep:\n  parameters:\n    seed: [1, 9007199254740993]\n")
      .write(to: spec, atomically: true, encoding: .utf8)
    let dry = try SweepBinary.run(["sweep", spec.path, "--dry-run", "--json"])
    #expect(dry.status == 0, "\(dry.error)")
    #expect(dry.output.contains(#""values":{"seed":"9007199254740993"}"#))
    #expect(dry.output.contains(#""values":{"seed":"1"}"#))
  }

  @Test(
    "run --json gives the spec's printed warnings, the history note and a diverged run's folder")
  func runRemarksAndDivergence() throws {
    let dir = SweepBinary.temporaryDirectory()
    let spec = dir.appendingPathComponent("gates.yaml")
    let text = try String(contentsOfFile: Self.spec, encoding: .utf8)
    try text.write(to: spec, atomically: true, encoding: .utf8)
    let results = dir.appendingPathComponent("results")
    let first = try SweepBinary.run(["run", spec.path, "--results-dir", results.path, "--json"])
    #expect(first.status == 0, "\(first.error)")
    #expect(try Self.json(first)["notes"] as? [String] == [])
    // A changed spec: the previous run moves into .history, said on stderr and in `notes`
    // (noisy gates, which draw from the seed).
    try text.replacingOccurrences(
      of: "name: gates-logreg\n",
      with: "name: gates-logreg\nseed: 5756038973626781602\nthreads: 256\n"
    ).replacingOccurrences(of: "gate: and}", with: "gate: and, noise: 0.1}")
      .write(to: spec, atomically: true, encoding: .utf8)
    let rerun = try SweepBinary.run(["run", spec.path, "--results-dir", results.path, "--json"])
    #expect(rerun.status == 0, "\(rerun.error)")
    let object = try Self.json(rerun)
    let notes = try #require(object["notes"] as? [String])
    #expect(notes.count == 1 && notes[0].hasPrefix("note: the previous run in "))
    #expect(notes[0].contains("/.history/gates-logreg/") && rerun.error.contains(notes[0]))
    // The spec's warning (threads capped) as validate --json gives it: a located diagnostic.
    let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?["severity"] as? String == "warning")
    #expect(diagnostics.first?["file"] as? String == spec.path)
    #expect(diagnostics.first?["line"] as? Int == 6)
    #expect((diagnostics.first?["message"] as? String)?.hasPrefix("threads: 256 is more") == true)
    #expect(object["warnings"] as? [String] == [])
    // A diverged run wrote its folder: the JSON names it and its figures, as the error does.
    let diverged = try SweepBinary.run([
      "run", Self.spec, "--results-dir", results.path, "--json", "--set",
      "optimizer.learning_rate=1e9",
    ])
    #expect(diverged.status == 1)
    let failure = try Self.json(diverged)
    #expect(failure["status"] as? String == "error" && failure["exit_code"] as? Int == 1)
    let folder = results.appendingPathComponent("gates-logreg@optimizer.learning_rate=1e9").path
    #expect(failure["directory"] as? String == folder)
    let metrics = try #require(failure["metrics"] as? [String: Any])
    #expect(metrics["iterations"] as? Int == 1)
    #expect(
      (metrics["stop_reason"] as? String)?.hasPrefix("training diverged at iteration 1") == true)
    #expect(failure["warnings"] as? [String] == [] && failure["notes"] as? [String] == [])
    #expect(diverged.output.contains(#""directory":"\#(folder)","metrics":{"iterations":1,"#))
    // A run that wrote nothing has null there.
    let bad = try SweepBinary.run([
      "run", Self.spec, "--results-dir", results.path, "--json", "--set", "threads=999",
    ])
    #expect(bad.status == 65)
    #expect(try Self.json(bad)["directory"] is NSNull && Self.json(bad)["metrics"] is NSNull)
  }
}

/// Running a run's `spec.resolved.yaml` again, into the same folder, keeps finding the data:
/// `spec_file` records the spec the data were found from, where the rerun recorded itself and
/// the next rerun then looked for the data beside the results (exit 66).
@Suite struct ResolvedSpecRerunBinaryTests {
  @Test func aResolvedSpecRunsAgainAndAgain() throws {
    let dir = SweepBinary.temporaryDirectory()
    var csv = "x,y\n"
    for i in 0..<20 { csv += "\(Double(i) / 10),\(i % 2)\n" }
    try csv.write(to: dir.appendingPathComponent("pts.csv"), atomically: true, encoding: .utf8)
    let spec = dir.appendingPathComponent("t.yaml")
    try "name: t\ndataset: {file: pts.csv, target: y}\nmodel: {type: logreg}\n"
      .write(to: spec, atomically: true, encoding: .utf8)
    let results = dir.appendingPathComponent("results")
    #expect(try SweepBinary.run(["run", spec.path, "--results-dir", results.path]).status == 0)
    let resolved = results.appendingPathComponent("t/spec.resolved.yaml").path
    for attempt in 1...3 {
      let r = try SweepBinary.run(["run", resolved, "--results-dir", results.path])
      #expect(r.status == 0, "attempt \(attempt): \(r.error)")
    }
    let environment = try String(
      contentsOf: results.appendingPathComponent("t/environment.csv"), encoding: .utf8)
    #expect(environment.contains("spec_file,\(spec.standardizedFileURL.path)"), "\(environment)")
  }
}
