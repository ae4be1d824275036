import Foundation
import Testing

/// Under a `ulimit -v`, what the runner takes of the address space before any data is read
/// once, as the command starts: a successive-halving sweep read it again at each rung, after its
/// trials' threads had mapped their malloc arenas (472 MB at the start, 769 MB at rung 1), and
/// stopped at rung 1 with exit 64 though `validate`, `--dry-run` and rung 0 had admitted it
/// (tester BS-10).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct AddressSpaceRungBinaryTests {
  /// The first number (MB) after `prefix` in `text`.
  static func megabytes(after prefix: String, in text: String) -> Double? {
    guard let range = text.range(of: prefix) else { return nil }
    let rest = text[range.upperBound...]
    let number = rest.prefix { $0.isNumber || $0 == "." }
    guard let value = Double(number), rest.dropFirst(number.count).hasPrefix(" MB") else {
      return nil
    }
    return value
  }

  @Test func aHalvingSweepAdmittedAtTheStartRunsEveryRung() throws {
    let spec = SweepBinary.root.appendingPathComponent("experiments/moons-mlp-halving-sweep.yaml")
    let folder = SweepBinary.temporaryDirectory()
    let tooSmall = try SweepBinary.run(["validate", spec.path], addressSpaceLimit: 300_000)
    let used = try #require(
      Self.megabytes(after: "OpenBLAS's buffer take ", in: tooSmall.error), "\(tooSmall.error)")
    let plain = try SweepBinary.run(["validate", spec.path])
    let trial = try #require(
      Self.megabytes(after: "memory about ", in: plain.error + plain.output),
      "\(plain.error)\(plain.output)")
    // Two trials at once and the sweep's own share, with 24 MB to spare: less than the arenas
    // of the trials' threads map.
    let cap = Int((used + 2 * trial + 10 + 24) * 1024)
    let sweep = try SweepBinary.run(
      ["sweep", spec.path, "--jobs", "2", "--results-dir", folder.path],
      addressSpaceLimit: cap, killAfter: 600)
    #expect(sweep.status == 0, "ulimit -v \(cap): \(sweep.error)")
    #expect(sweep.output.contains("rung 2 1 of 1"), "\(sweep.output)")
  }
}
