import Foundation
import Testing

@testable import Pipeline

/// Successive halving and Hyperband decide by one rule whether a resume changed a rung's rows,
/// which rewrites the sweep's record before the next rung (review B7): the rung's
/// `summary.csv` as written against the file before. Successive halving compared the file
/// before with the rows of the rung's own plan, which differ from the file whenever a live
/// sweep keeps a larger plan in that rung's folder: it then rewrote the record on every resume.
@Suite struct HalvingRowsChangedTests {
  /// The identity of the file at `url` (a rewrite puts a new file in place).
  static func inode(_ url: URL) -> UInt64? {
    (try? FileManager.default.attributesOfItem(atPath: url.path))?[.systemFileNumber]
      .flatMap { ($0 as? NSNumber)?.uint64Value }
  }

  @Test func aResumeLeavingTheRungsFileAsItWasKeepsTheRecord() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let spec = SweepHalvingTests.spec
    let first = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let folder = URL(fileURLWithPath: first.directory)
    let rung = folder.appendingPathComponent("rung-0")
    // Rung 0's worst trial as another trial of a larger plan, which a live sweep keeps there.
    let summary = try SweepFixture.table(rung.appendingPathComponent("summary.csv").path)
    let worst = try #require(summary.rows.last?.first)
    let extra = "ffffffffffff"
    try fm.copyItem(
      at: rung.appendingPathComponent(worst), to: rung.appendingPathComponent(extra))
    let status = rung.appendingPathComponent("\(extra)/status.csv")
    try String(contentsOf: status, encoding: .utf8).replacingOccurrences(of: worst, with: extra)
      .write(to: status, atomically: true, encoding: .utf8)
    let plan = rung.appendingPathComponent("plan.csv")
    let text = try String(contentsOf: plan, encoding: .utf8)
    let row = try #require(text.split(separator: "\n").first { $0.hasPrefix(worst) })
    try (text + extra + row.dropFirst(worst.count) + "\n")
      .write(to: plan, atomically: true, encoding: .utf8)
    let holder = try ForeignLockHolder(rung.appendingPathComponent(".sweep-4242.lock"))
    defer { try? holder.release() }
    // The first resume writes the rung's summary.csv with the larger plan's rows.
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let rows = try SweepFixture.table(rung.appendingPathComponent("summary.csv").path).rows
    #expect(rows.contains { $0.first == extra })
    // The next one changes no rung's rows: the record is not rewritten as the rungs pass.
    let record = folder.appendingPathComponent("rungs.csv")
    let before = Self.inode(record)
    let lock = NSLock()
    nonisolated(unsafe) var rewrittenAt: [String] = []
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root)) { event in
      guard case .note(let text) = event, text.hasPrefix("rung ") else { return }
      if Self.inode(record) != before {
        lock.withLock { rewrittenAt.append(String(text.prefix { $0 != "\n" })) }
      }
    }
    #expect(before != nil)
    #expect(rewrittenAt.isEmpty, "\(rewrittenAt)")
  }
}
