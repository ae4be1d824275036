import Conventions
import Foundation
import Testing

/// Command-line misuse found by the session-11 QA round, on the built binary.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct QARoundBinaryTests {
  // `--tolerance nan` failed every layer ("worst entry 0.0 > nan", exit 1) and `inf` passed
  // any gradient: a tolerance that bounds nothing is a usage error, as diff's --atol is.
  @Test func gradcheckRefusesAToleranceThatBoundsNothing() throws {
    let dir = SweepBinary.temporaryDirectory()
    let spec = dir.appendingPathComponent("xor.yaml").path
    try """
    dataset: {generator: {type: gates, gate: xor}}
    model:
      type: mlp
      layers: [{units: 2, activation: tanh}, {units: 1, activation: sigmoid}]
    loss: binary_cross_entropy
    optimizer: {type: gd, iterations: 1}

    """.write(toFile: spec, atomically: true, encoding: .utf8)
    for value in ["nan", "inf", "-1", "-0.5"] {
      let r = try SweepBinary.run(["gradcheck", spec, "--tolerance=\(value)"])
      #expect(r.status == 64, "\(value): \(r.output)")
      #expect(
        r.error.hasPrefix("Error: --tolerance must be a finite number ≥ 0 (got "),
        "\(value): \(r.error)")
    }
    #expect(try SweepBinary.run(["gradcheck", spec, "--tolerance", "0.001"]).status == 0)
  }

  // `runner run nope.yaml` suggested 'long.yaml': the shared `.yaml` counted towards closeness.
  @Test func aMissingSpecIsNotMatchedToAnUnrelatedOne() throws {
    let dir = SweepBinary.temporaryDirectory()
    for name in ["long.yaml", "moons.yaml"] {
      try "name: x\n".write(
        to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let unrelated = try SweepBinary.run(["validate", "nope.yaml"], in: dir)
    #expect(unrelated.status == 66)
    #expect(unrelated.error == "error: cannot read spec 'nope.yaml': no such file\n")
    let typo = try SweepBinary.run(["validate", "mons.yaml"], in: dir)
    #expect(
      typo.error
        == "error: cannot read spec 'mons.yaml': no such file; did you mean 'moons.yaml'?\n")
  }

  // `data show` read a 1 GB table whole without the memory check a run makes: 20 GB of
  // memory, and the process was killed (a run of the same file is refused up front).
  @Test func dataShowOfATableTooLargeForMemoryIsRefused() throws {
    let dir = SweepBinary.temporaryDirectory()
    let table = dir.appendingPathComponent("big.csv")
    var text = "a,b,c,label\n"
    text += String(repeating: "1,2,3,0\n", count: 200_000)
    try text.write(to: table, atomically: true, encoding: .utf8)
    let refused = try SweepBinary.run(
      ["data", "show", table.path], environment: ["RUNNER_MEMORY_LIMIT": "10M"])
    #expect(refused.status == 65)
    #expect(
      refused.error.hasPrefix("error: \(table.path): reading it whole needs about "),
      "\(refused.error)")
    #expect(
      refused.error.contains(
        "more than the 10 MB limit (set by RUNNER_MEMORY_LIMIT): show a part of it (e.g. "
          + "`head -n 1000` of it into another file), or raise the limit with "
          + "RUNNER_MEMORY_LIMIT (e.g. RUNNER_MEMORY_LIMIT="), "\(refused.error)")
    #expect(refused.error.hasSuffix(") if the memory is there\n"), "\(refused.error)")
    let shown = try SweepBinary.run(["data", "show", table.path])
    #expect(shown.status == 0)
    #expect(shown.output.contains("200000 rows × 4 columns"))
  }

  /// Under a `ulimit -v`, which RUNNER_MEMORY_LIMIT cannot lift, the remedy is the ulimit that
  /// fits, as a run's (tester BP-7: the advice to raise RUNNER_MEMORY_LIMIT was repeated when
  /// followed).
  @Test func dataShowUnderAUlimitNamesTheUlimitToRaise() throws {
    let dir = SweepBinary.temporaryDirectory()
    let table = dir.appendingPathComponent("big.csv")
    try ("a,b,c,label\n" + String(repeating: "1,2,3,0\n", count: 3_000_000)).write(
      to: table, atomically: true, encoding: .utf8)
    let refused = try SweepBinary.run(
      ["data", "show", table.path], environment: ["RUNNER_MEMORY_LIMIT": "2G"],
      addressSpaceLimit: 700_000, killAfter: 120)
    #expect(!refused.killed && refused.status == 65, "\(refused.status) \(refused.error)")
    #expect(
      refused.error.contains("(address space left by ulimit -v, below RUNNER_MEMORY_LIMIT)"),
      "\(refused.error)")
    #expect(refused.error.contains("or raise the ulimit -v (e.g. ulimit -v "), "\(refused.error)")
    #expect(!refused.error.contains("raise the limit with RUNNER_MEMORY_LIMIT"), "\(refused.error)")
  }

  // `explain --trial ''` explained the only trial (an empty prefix matches every ID), and an
  // unknown ID listed every trial of the sweep (100 000 IDs for a large one).
  @Test func explainTrialNeedsAnIDAndListsAFewTrials() throws {
    let dir = SweepBinary.temporaryDirectory()
    let spec = dir.appendingPathComponent("grid.yaml").path
    try """
    dataset: {generator: {type: moons, noise: 0.1}}
    model: {type: logreg}
    sweep:
      method: grid
      parameters: {seed: {range: [1, 12]}}

    """.write(toFile: spec, atomically: true, encoding: .utf8)
    let empty = try SweepBinary.run(["explain", spec, "--trial", ""])
    #expect(empty.status == 64)
    #expect(empty.error.hasPrefix("Error: --trial needs a trial ID, or the start of one\n"))
    let unknown = try SweepBinary.run(["explain", spec, "--trial", "zzz"])
    #expect(unknown.status == 64)
    #expect(
      unknown.error.hasSuffix(
        ", … 12 in all: \(SweepBinary.command()) sweep \(spec.shellQuoted) --dry-run lists them)\n"),
      "\(unknown.error)")
    #expect(unknown.error.components(separatedBy: ", ").count == 11, "\(unknown.error)")
  }
}
