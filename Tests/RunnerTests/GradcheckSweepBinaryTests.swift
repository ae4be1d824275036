import Foundation
import Testing

/// `runner gradcheck` on the course's regularization study checks each of the sweep's trials
/// under its ID, then gives one verdict; `--trial` checks one, chosen as `runner explain
/// --trial` chooses it (AN11: it checked the spec without its sweep, none of the trials, and
/// said ok).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct GradcheckSweepBinaryTests {
  static let study = SweepBinary.root.appendingPathComponent(
    "experiments/study-regularization.yaml"
  ).path

  @Test func eachTrialIsCheckedUnderItsID() throws {
    let all = try SweepBinary.run(["gradcheck", Self.study])
    #expect(all.status == 0, "\(all.error)")
    #expect(all.error.contains("note: \(Self.study) is a sweep: each of its 4 trials is checked"))
    let headings = all.output.split(separator: "\n").filter { $0.hasPrefix("trial ") }
    #expect(headings.count == 4, "\(all.output)")
    #expect(headings.filter { $0.contains("regularization.l2=0.005") }.count == 2)
    #expect(all.output.hasSuffix("\nok: each of the 4 trials within 1e-07\n"), "\(all.output)")

    let id = String(try #require(headings.last).dropFirst("trial ".count).prefix(12))
    let one = try SweepBinary.run(["gradcheck", Self.study, "--trial", String(id.prefix(6))])
    #expect(one.status == 0, "\(one.error)")
    #expect(one.output.hasPrefix("trial \(id)"), "\(one.output)")
    #expect(!one.output.contains("each of") && !one.error.contains("is a sweep"))
    #expect(
      one.output.hasSuffix("ok: every entry within 1e-07 beyond the finite-difference floor\n"))
    let explained = try SweepBinary.run(["explain", Self.study, "--trial", String(id.prefix(6))])
    #expect(explained.status == 0, "\(explained.error)")

    let unknown = try SweepBinary.run(["gradcheck", Self.study, "--trial", "zzz"])
    #expect(unknown.status == 64)
    #expect(unknown.error.hasPrefix("error: no trial 'zzz' in \(Self.study) (trials: "))
    let empty = try SweepBinary.run(["gradcheck", Self.study, "--trial", ""])
    #expect(empty.status == 64)
    #expect(empty.error.hasPrefix("Error: --trial needs a trial ID, or the start of one\n"))
  }
}
