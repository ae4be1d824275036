import Foundation
import Testing

/// A `ulimit -s` below the stack the runner's threads need (they get stacks of that size) is
/// refused at the start of the commands that load data, 71 with the limit to raise and nothing
/// written; the commands that load none still run (tester BF F7: `run`, `sweep` and `gate` died
/// of SIGSEGV, exit 139, without a word, at 384 KB and below).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct StackLimitBinaryTests {
  @Test func aStackLimitTooLowIsRefusedAtTheStartWithWhatToRaise() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = SweepBinary.root.appendingPathComponent("experiments/and-perceptron-step.yaml")
    let results = dir.appendingPathComponent("results")
    for arguments in [
      ["run", spec.path, "--results-dir", results.path],
      ["sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir", results.path],
    ] {
      let r = try SweepBinary.run(arguments, stackLimit: 256, killAfter: 120)
      #expect(!r.killed && r.status == 71, "\(arguments): \(r.status) \(r.error)")
      #expect(
        r.error
          == "error: the stack limit is too low (ulimit -s 256): the runner's threads need at "
          + "least 1024 KB to load data and train; raise it, e.g. `ulimit -s 8192`\n",
        "\(r.error)")
      #expect(!FileManager.default.fileExists(atPath: results.path))
    }
    let listing = try SweepBinary.run(
      ["ls", SweepBinary.root.appendingPathComponent("results/baseline").path], stackLimit: 256,
      killAfter: 120)
    #expect(listing.status == 0, "\(listing.error)")
    // At the limit the check asks for, a run trains.
    let run = try SweepBinary.run(
      ["run", spec.path, "--results-dir", results.path], stackLimit: 1024, killAfter: 120)
    #expect(run.status == 0, "\(run.status) \(run.error)")
  }
}
