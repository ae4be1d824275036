import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Two sweeps whose plans differ by swept values (one holds the other) run side by side in one
/// folder; whichever finishes last writes `summary.csv` and the report over the whole plan on
/// disk, as a re-run does (tester B's B2: the smaller plan's sweep, finishing last, left a
/// summary of its own trials only).
@Suite(.serialized)
struct OverlappingPlansBinaryTests {
  @Test func theSmallerPlanFinishingLastSummarizesTheWholePlan() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let small = SweepBinary.fixture("linear-grid.yaml")
    let text = try String(contentsOfFile: small, encoding: .utf8)
    let larger = root.appendingPathComponent("linear-grid-more.yaml")
    try FolderSafetyBinaryTests.write(
      text.replacingOccurrences(of: "[0.01, 0.1, 0.3]", with: "[0.01, 0.1, 0.3, 0.03]"), larger)
    let results = root.appendingPathComponent("results")
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    let whole = try SweepBinary.run(["sweep", larger.path, "--results-dir", results.path])
    #expect(whole.status == 0, "\(whole.error)")
    let reference = SweepBinary.contents(of: sweep)
    #expect(
      String(decoding: reference["summary.csv"] ?? Data(), as: UTF8.self)
        .split(separator: "\n").count == 9)
    // The larger plan's sweep is still live (its registration held by this process): the
    // smaller one runs beside it, and finishing last leaves the whole plan's summary and report.
    let lockFile = sweep.appendingPathComponent(".sweep-\(getpid()).lock")
    let fd = open(lockFile.path, O_RDWR | O_CREAT, 0o644)
    defer {
      close(fd)
      unlink(lockFile.path)
    }
    #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
    let text2 = Array("\(getpid())\n".utf8)
    _ = text2.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    let beside = try SweepBinary.run(["sweep", small, "--results-dir", results.path])
    #expect(beside.status == 0, "\(beside.error)")
    #expect(beside.output.contains("ran 0 trials"), "\(beside.output)")
    #expect(!beside.error.contains("not in this sweep's plan"), "\(beside.error)")
    #expect(SweepBinary.contents(of: sweep) == reference)
  }
}
