import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Results that exist but cannot be read are named for what they are, by every command (tester
/// BF, session 48): `diff` of folders called a results file that is a directory or a symbolic
/// link loop "only in A (missing in B)" and exited 1, a plain difference (F5); `export` said
/// "no such file" twice over of a run folder whose name is not UTF-8 (F10); `ls` and `merge`
/// called a link loop "no such folder", `report` called a pipe "a file", and `ls` printed a
/// folder name holding a line break raw, breaking its row (nits).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct UnreadableResultsBinaryTests {
  /// A run `race` in `root/results`, its folder returned.
  static func run(in root: URL) throws -> URL {
    let spec = root.appendingPathComponent("race.yaml")
    try FolderReadersBinaryTests.spec(iterations: 20)
      .write(to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results")
    let run = try SweepBinary.run(["run", spec.path, "--results-dir", results.path])
    #expect(run.status == 0, "\(run.error)")
    return results.appendingPathComponent("race")
  }

  @Test func aResultsFileThatIsALoopOrAFolderIsTroubleNotMissing() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let race = try Self.run(in: root)
    let fm = FileManager.default
    let (loop, dir) = (
      race.deletingLastPathComponent().appendingPathComponent("loop"),
      race.deletingLastPathComponent().appendingPathComponent("dir")
    )
    try fm.copyItem(at: race, to: loop)
    try fm.copyItem(at: race, to: dir)
    let metrics = loop.appendingPathComponent("metrics.csv")
    try fm.removeItem(at: metrics)
    try fm.createSymbolicLink(atPath: metrics.path, withDestinationPath: "m2")
    try fm.createSymbolicLink(
      atPath: loop.appendingPathComponent("m2").path, withDestinationPath: "metrics.csv")
    let summary = dir.appendingPathComponent("summary.csv")
    try fm.removeItem(at: summary)
    try fm.createDirectory(at: summary, withIntermediateDirectories: false)
    for (other, file, why) in [
      (loop, metrics, "is a symbolic link loop (too many levels of links), not a regular file"),
      (dir, summary, "is a directory, not a regular file"),
    ] {
      let diff = try SweepBinary.run(["diff", race.path, other.path])
      #expect(diff.status == 2, "\(diff.output)\(diff.error)")
      #expect(diff.error.contains("\(file.path): \(why)"), "\(diff.error)")
      #expect(!diff.output.contains("only in A"), "\(diff.output)")
    }
    // `ls` and `merge` of a link loop, `report` of a pipe: named for what they are.
    let ring = root.appendingPathComponent("ring").path
    try fm.createSymbolicLink(atPath: ring, withDestinationPath: "ring")
    for command in ["ls", "merge"] {
      let refused = try SweepBinary.run([command, ring])
      #expect(refused.status == 66, "\(command): \(refused.error)")
      #expect(
        refused.error.contains(
          "\(ring) is a symbolic link loop (too many levels of links), not a folder"),
        "\(command): \(refused.error)")
      #expect(!refused.error.contains("no such folder"), "\(command): \(refused.error)")
    }
    let pipe = root.appendingPathComponent("pipe").path
    #expect(mkfifo(pipe, 0o600) == 0)
    let report = try SweepBinary.run(["report", pipe])
    #expect(report.status == 73, "\(report.error)")
    #expect(
      report.error.contains("\(pipe) is a named pipe (FIFO), not a folder"), "\(report.error)")
  }

  @Test func exportNamesAFolderWhoseNameIsNotUTF8AsLsDoes() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let race = try Self.run(in: root)
    let results = race.deletingLastPathComponent()
    let copied = try NotUTF8PathBinaryTests.shell(
      #"cp -a results/race "results/$(printf 'caf\351')""#, in: root)
    #expect(copied.status == 0, "\(copied.error)")
    for kind in ["dvc", "tensorboard"] {
      let export = try SweepBinary.run(["export", kind, results.path])
      #expect(export.status == 65, "\(kind): \(export.error)")
      #expect(
        export.error.contains(
          #"\#(results.path)/caf\xE9: its name is not valid UTF-8 (\xNN is a byte that is not)"#),
        "\(kind): \(export.error)")
      #expect(!export.error.contains("no such file"), "\(kind): \(export.error)")
    }
    // Nothing exported: the run beside it has no summary.json.
    #expect(
      !FileManager.default.fileExists(atPath: race.appendingPathComponent("summary.json").path))
  }

  @Test func lsEscapesALineBreakInAFolderName() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let race = try Self.run(in: root)
    let odd = race.deletingLastPathComponent().appendingPathComponent("new\nline\there")
    try FileManager.default.copyItem(at: race, to: odd)
    let ls = try SweepBinary.run(["ls", race.deletingLastPathComponent().path])
    #expect(ls.status == 0, "\(ls.error)")
    // One row per run, the name escaped as a name that is not UTF-8 is.
    let lines = ls.output.split(separator: "\n")
    #expect(lines.count > 2 && lines[1].hasPrefix(#"new\x0Aline\x09here "#), "\(ls.output)")
    #expect(lines.count > 2 && lines[2].hasPrefix("race "), "\(ls.output)")
  }

  /// A copy of the data read under another name: the same data, said so (tester BF F2).
  @Test func diffSaysACopyOfTheDataIsTheSameDataRenamed() throws {
    let dir = try ValidateDataTests.project(
      ValidateDataTests.fitting(split: "{train: 0.75, dev: 0.25}"))
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.copyItem(
      at: dir.appendingPathComponent("points.csv"), to: dir.appendingPathComponent("copy.csv"))
    let (spec, results) = (
      dir.appendingPathComponent("spec.yaml").path, dir.appendingPathComponent("results")
    )
    for (output, sets) in [("orig", [String]()), ("copy", ["--set", "dataset.file=copy.csv"])] {
      let run = try SweepBinary.run(
        ["run", spec, "--results-dir", results.path, "--set", "output=\(output)"] + sets,
        environment: ValidateDataTests.environment(dir))
      #expect(run.status == 0, "\(run.error)")
    }
    let diff = try SweepBinary.run(
      [
        "diff", results.appendingPathComponent("orig").path,
        results.appendingPathComponent("copy").path,
      ], environment: ValidateDataTests.environment(dir))
    #expect(diff.status == 1, "\(diff.error)")
    #expect(
      diff.output.contains(
        "data renamed: data_files.csv records the same content under another file name"),
      "\(diff.output)")
    #expect(!diff.output.contains("different data"), "\(diff.output)")
  }
}
