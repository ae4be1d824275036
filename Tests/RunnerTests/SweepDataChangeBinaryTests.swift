import Conventions
import Datasets
import Foundation
import Testing

/// A data file edited while `runner sweep` runs (tester V10): the trials would train on two
/// versions of the data, which `runner merge` refuses. The sweep stops at the next trial (exit
/// 65, located at the data key), keeping the trials completed on the first version, with
/// `summary.csv` rewritten from them; putting the first version back and running again
/// finishes the sweep on it. The crash hook stops the process before its third trial, so the
/// file is edited at that exact moment.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct SweepDataChangeBinaryTests {
  static let spec = """
    name: s
    seed: 3
    dataset: {file: data.csv, target: label, split: {train: 0.75, test: 0.25}}
    model: {type: logreg}
    loss: binary_cross_entropy
    optimizer: {type: gd, learning_rate: 0.1, iterations: 20}
    sweep:
      method: grid
      parameters:
        optimizer.learning_rate: [0.01, 0.03, 0.1, 0.3]

    """

  /// 80 rows of two features and a 0/1 label (the label of the first `flipped` rows flipped).
  static func data(flipped: Int = 0) -> String {
    "x1,x2,label\n"
      + (0..<80).map { i in
        let label = (i % 2 == 0) != (i < flipped) ? 1 : 0
        return "\(Double(i % 9) / 4 + Double(label)),\(Double(i % 7) / 3 - Double(label)),\(label)"
      }.joined(separator: "\n") + "\n"
  }

  @Test func aDataFileEditedBetweenTrialsStopsTheSweep() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("data.csv")
    try Self.data().write(to: file, atomically: true, encoding: .utf8)
    try Self.spec.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
    let first = try SHA256Digest.content(ofFile: file.path).sha256
    let arguments = ["sweep", "s.yaml", "--jobs", "1", "--results-dir", "results"]
    var edited = ""
    let url = dir.appendingPathComponent("results/s").standardizedFileURL
    let r = try SweepBinary.run(
      arguments, environment: ["RUNNER_SWEEP_CRASH_AT": "trial-start:3:stop"], in: dir,
      whenStopped: {
        // Another label and one more row, written with a later modification time.
        try (Self.data(flipped: 1) + "1,1,1\n").write(to: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes(
          [.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: file.path)
        edited = try SHA256Digest.content(ofFile: file.path).sha256
      })
    #expect(r.status == 65, "\(r.error)")
    // The trials kept: those complete when the file was edited (2, the hook stopping before the
    // third), and on a loaded machine one that had read the data before; all on the first version.
    // (On a loaded machine the third may also have been reading the file as it was edited: it
    // failed, saying so, and is retried below.)
    let failed = Self.failedTrials(in: url)
    let kept = SweepBinary.completeTrials(in: url) - failed
    #expect(kept >= 2 && kept < 4)
    let folder = url.path
    let short = { (digest: String) in String(digest.prefix(12)) + "…" }
    #expect(
      r.error.hasSuffix(
        """
        s.yaml:3:17: error: dataset.file: data.csv changed while the sweep ran (size and \
        modification time differ; SHA-256 \(short(first)) when this sweep first read it, now \
        \(short(edited))), so its trials would train on two versions of the data
          3 | dataset: {file: data.csv, target: label, split: {train: 0.75, test: 0.25}}
            |                 ^
        note: the sweep stopped; its \(kept) complete trials trained on the earlier version are kept \
        in \(folder): to train every trial on the current data, sweep into a new folder \
        (--results-dir DIR, or another output:) or move \(folder) away; to finish this sweep on \
        the earlier data, put that version of data.csv back and run the same command again

        """), "\(r.error)")
    #expect(SweepBinary.completeTrials(in: url) - failed == kept && failed <= 1)
    // The summary lists both trials kept (it is rewritten at most once a second as they end).
    let summary = try CSVTable(contentsOf: url.appendingPathComponent("summary.csv"))
    #expect(summary.rows.count == kept + failed)
    #expect(Set(Self.digests(in: url)) == [first])
    #expect(SweepBinary.hiddenEntries(below: url).isEmpty)
    // The first version back: the same command finishes the sweep on it.
    try Self.data().write(to: file, atomically: true, encoding: .utf8)
    let resumed = try SweepBinary.run(arguments + (failed > 0 ? ["--retry-failed"] : []), in: dir)
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(!resumed.error.contains("was modified after"), "\(resumed.error)")
    #expect(SweepBinary.completeTrials(in: url) == 4)
    #expect(Self.digests(in: url) == [String](repeating: first, count: 4))
  }

  /// How many trial folders of `folder` are marked failed.
  static func failedTrials(in folder: URL) -> Int {
    let trials = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return trials.filter { trial in
      let status = folder.appendingPathComponent("\(trial)/status.csv")
      return (try? String(contentsOf: status, encoding: .utf8))?.contains("failed") == true
    }.count
  }

  /// The `data.csv` digest each complete trial of `folder` recorded, in trial order.
  static func digests(in folder: URL) -> [String] {
    let trials = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return trials.sorted().compactMap { trial in
      let url = folder.appendingPathComponent(trial)
      guard FileManager.default.fileExists(atPath: url.appendingPathComponent("status.csv").path),
        let table = try? CSVTable(contentsOf: url.appendingPathComponent("data_files.csv"))
      else { return nil }
      return table.column("sha256")?.first
    }
  }
}
