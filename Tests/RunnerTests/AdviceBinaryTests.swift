import Foundation
import Testing

/// `validate` on the shipped experiments as a learner changes them with `--set` (tester BB F12
/// and its nit on a tolerance below float64's range).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct AdviceBinaryTests {
  static let lbfgs = [
    "--set", "optimizer.type=lbfgs", "--set", "~optimizer.batch_size", "--set",
    "~optimizer.epochs", "--set", "optimizer.iterations=500",
  ]

  /// F12: L-BFGS on mae is warned of at the loss (fatal under --strict); huber is not.
  @Test func lbfgsOnMaeIsWarnedOfAtTheLoss() throws {
    let spec = "experiments/polynomial-linreg-mae.yaml"
    let r = try SweepBinary.run(["validate", spec] + Self.lbfgs, in: SweepBinary.root)
    #expect(r.status == 0, "\(r.error)")
    #expect(
      r.error.contains(
        "\(spec):21:7: warning: lbfgs needs a smooth loss: mae has kinks, so its gradient never "
          + "vanishes and L-BFGS stops short of optimizer.tolerance however long it runs\n"),
      "\(r.error)")
    #expect(
      r.error.contains(
        "note: use huber or mse, or a first-order optimizer such as adam for mae\nfix-it: loss: huber"
      ), "\(r.error)")
    let strict = try SweepBinary.run(
      ["validate", spec, "--strict"] + Self.lbfgs, in: SweepBinary.root)
    #expect(strict.status == 65, "\(strict.error)")
    let huber = try SweepBinary.run(
      ["validate", spec, "--strict", "--set", "loss=huber"] + Self.lbfgs, in: SweepBinary.root)
    #expect(!huber.error.contains("smooth loss"), "\(huber.error)")
  }

  /// The nit: `tolerance=1e-400` is refused as ftol's is, for float64's range, not "must be > 0"
  /// of a 0 nobody wrote.
  @Test(arguments: ["tolerance", "ftol"])
  func aToleranceBelowFloat64IsRefusedForItsRange(_ key: String) throws {
    let r = try SweepBinary.run(
      ["validate", "experiments/blobs-logreg-lbfgs.yaml", "--set", "optimizer.\(key)=1e-400"],
      in: SweepBinary.root)
    #expect(r.status == 65, "\(r.error)")
    #expect(
      r.error.hasPrefix(
        "--set optimizer.\(key)=1e-400: error: optimizer.\(key) 1e-400 is 0 in float64, whose "
          + "smallest positive value is 5e-324\n"), "\(r.error)")
  }
}
