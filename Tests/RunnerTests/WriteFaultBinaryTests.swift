import Foundation
import Testing

/// Writes that fail on the built binary (a file size limit, `ulimit -f`, and a full disk where
/// a private tmpfs can be mounted): exit 73 and one line naming the file in the results folder
/// and the system's reason; the earlier results untouched, no temporaries or staging folders
/// left, and the same command, run again with room, completes (a sweep resumes). Ctrl-C after a
/// run's results are saved says where they are.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct WriteFaultBinaryTests {
  /// 10 KB (512-byte blocks): the CSV files fit, the decision boundary's SVG does not.
  static let limit = 20

  static let spec = """
    name: m
    dataset: {generator: {type: moons, samples: 200, noise: 0.2}}
    model:
      type: mlp
      layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]
    optimizer: {type: adam, learning_rate: 0.01, epochs: 20}

    """

  /// A folder holding `m.yaml` (and `s.yaml`, the same spec swept over three learning rates).
  static func project(_ label: String = #function) throws -> URL {
    let dir = SweepBinary.temporaryDirectory(label)
    try spec.write(to: dir.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
    try
      (spec.replacingOccurrences(of: "name: m", with: "name: s")
      + "sweep:\n  method: grid\n  parameters:\n    optimizer.learning_rate: [0.01, 0.1, 0.3]\n")
      .write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
    return dir
  }

  /// Whether `text` is exactly one line matching `pattern`.
  static func oneLine(_ text: String, _ pattern: String) -> Bool {
    text.hasSuffix("\n") && !text.dropLast().contains("\n")
      && text.range(of: "^" + pattern + "\n$", options: .regularExpression) != nil
  }

  static func escaped(_ path: String) -> String { NSRegularExpression.escapedPattern(for: path) }

  @Test func aRunThatCannotWriteLeavesTheEarlierRunAndSaysSo() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = dir.appendingPathComponent("results")
    let spec = dir.appendingPathComponent("m.yaml").path
    let first = try SweepBinary.run(["run", spec, "--results-dir", root.path])
    #expect(first.status == 0, "\(first.error)")
    let folder = root.appendingPathComponent("m")
    let before = SweepBinary.contents(of: folder)
    let changed = ["run", spec, "--results-dir", root.path, "--set", "optimizer.epochs=21"]
    let output = ["--set", "output=m"]
    let r = try SweepBinary.run(changed + output, fileSizeLimit: Self.limit)
    #expect(r.status == 73)
    let path = Self.escaped(folder.path)
    #expect(
      Self.oneLine(
        r.error.components(separatedBy: "\n").filter { $0.hasPrefix("error:") }.joined() + "\n",
        "error: cannot write \(path)/plots/[a-z_]+\\.svg: File too large; nothing of this run "
          + "was saved \\(\(path) is as it was\\): make room or fix the folder, then run again"),
      "\(r.error)")
    #expect(!r.error.contains(".staging"))
    #expect(SweepBinary.contents(of: folder) == before)
    #expect(SweepBinary.hiddenEntries(below: root).isEmpty)
    // With room, the same command completes.
    let again = try SweepBinary.run(changed + output)
    #expect(again.status == 0, "\(again.error)")
    #expect(SweepBinary.contents(of: folder) != before)
  }

  @Test func aSweepThatCannotWriteKeepsItsTrialsAndResumes() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = dir.appendingPathComponent("results")
    let arguments = [
      "sweep", dir.appendingPathComponent("s.yaml").path, "--results-dir", root.path,
    ]
    #expect(try SweepBinary.run(arguments).status == 0)
    let folder = root.appendingPathComponent("s")
    let complete = SweepBinary.contents(of: folder)
    // One trial lost (and the summary): the rerun must write it, and cannot.
    let trials = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { FileManager.default.fileExists(atPath: folder.path + "/\($0)/status.csv") }.sorted()
    #expect(trials.count == 3)
    try FileManager.default.removeItem(at: folder.appendingPathComponent(trials[1]))
    let kept = SweepBinary.contents(of: folder)
    let r = try SweepBinary.run(arguments, fileSizeLimit: Self.limit)
    #expect(r.status == 73)
    let line = r.error.components(separatedBy: "\n").filter { $0.hasPrefix("error:") }
    #expect(line.count == 1)
    #expect(
      Self.oneLine(
        (line.first ?? "") + "\n",
        "error: trial \(trials[1]) stopped the sweep: cannot write "
          + "\(Self.escaped(folder.path))/\(trials[1])/plots/[a-z_]+\\.svg: File too large "
          + "\\(this trial was not saved\\); the trials completed are kept: make room or fix the "
          + "folder, then run the same command again to resume"), "\(r.error)")
    #expect(SweepBinary.contents(of: folder).filter { $0.key.hasPrefix(trials[1]) }.isEmpty)
    for (file, bytes) in kept where !file.hasPrefix("summary.csv") {
      #expect(SweepBinary.contents(of: folder)[file] == bytes, "\(file)")
    }
    #expect(SweepBinary.hiddenEntries(below: folder).isEmpty)
    let resumed = try SweepBinary.run(arguments)
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(SweepBinary.contents(of: folder) == complete)
  }

  @Test func aReportThatCannotBeWrittenLeavesTheEarlierOneWhole() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = dir.appendingPathComponent("results")
    let run = try SweepBinary.run(
      ["run", dir.appendingPathComponent("m.yaml").path, "--results-dir", root.path])
    #expect(run.status == 0, "\(run.error)")
    let folder = root.appendingPathComponent("m")
    // An earlier report that differs from the one the rebuild makes.
    let markdown = folder.appendingPathComponent("report.md")
    try "# an earlier report\n".write(to: markdown, atomically: true, encoding: .utf8)
    try "<svg/>".write(
      to: folder.appendingPathComponent("plots/loss.svg"), atomically: true, encoding: .utf8)
    let before = SweepBinary.contents(of: folder)
    // report.html does not fit (57 KB); the plots before it do.
    let r = try SweepBinary.run(["report", folder.path], fileSizeLimit: 80)
    #expect(r.status == 73)
    #expect(
      r.error
        == "error: cannot write \(folder.path)/report.html: File too large; the report is as it "
        + "was: make room or fix the folder, then run `runner report` again\n")
    #expect(SweepBinary.contents(of: folder) == before)
    #expect(SweepBinary.hiddenEntries(below: folder).isEmpty)
    #expect(try SweepBinary.run(["report", folder.path]).status == 0)
    #expect(SweepBinary.contents(of: folder) != before)
  }

  @Test func ctrlCAfterTheResultsAreSavedSaysWhereTheyAre() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = dir.appendingPathComponent("results")
    // The hook presses Ctrl-C once the results folder is in place, then waits for the exit.
    let r = try SweepBinary.run(
      ["run", dir.appendingPathComponent("m.yaml").path, "--results-dir", root.path],
      environment: ["RUNNER_SWEEP_CRASH_AT": "run-saved:1:int"])
    #expect(r.status == 130)
    let folder = root.appendingPathComponent("m")
    #expect(
      r.error.hasSuffix(
        "\ninterrupted: the run had completed and its results are saved in \(folder.path)\n"),
      "\(r.error)")
    #expect(!r.error.contains("left whole"))
    #expect(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.csv").path))
    #expect(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))
  }

  /// Whether this process may mount a private tmpfs (an unprivileged user namespace).
  static let canMountTmpfs: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
    process.arguments = ["-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }()

  @Test(.enabled(if: canMountTmpfs, "needs unshare to mount a private tmpfs"))
  func aFullDiskIsNamedAndLosesNothing() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let runner = try #require(SweepBinary.executable).path
    let disk = dir.appendingPathComponent("disk")
    try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
    // In a private mount namespace: a 400 KB disk holding one run, then filled but for 16 KB,
    // and the run again with another spec; the listing is printed before the namespace ends.
    let script = """
      set -e
      mount -t tmpfs -o size=400k tmpfs "$1"
      "$2" run "$3" --results-dir "$1/results" >/dev/null 2>&1
      cd "$1/results/m" && cksum $(find . -type f | sort) > "$1/before"
      avail=$(df -k "$1" | tail -1 | awk '{print $4}')
      head -c $(( (avail - 16) * 1024 )) /dev/zero > "$1/fill" || true
      set +e
      "$2" run "$3" --results-dir "$1/results" --set optimizer.epochs=21 --set output=m \
        >/dev/null 2>"$1/err"
      echo "status $?"
      grep '^error:' "$1/err"
      cksum $(find . -type f | sort) | diff "$1/before" - && echo same
      find "$1/results" -name '.*'
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
    process.arguments = [
      "-rm", "sh", "-c", script, "sh", disk.path, runner,
      dir.appendingPathComponent("m.yaml").path,
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let folder = Self.escaped(disk.path + "/results/m")
    #expect(
      text.range(
        of: "^status 73\nerror: cannot write \(folder)/[a-z_/]+\\.[a-z]+: No space left on "
          + "device; nothing of this run was saved \\(\(folder) is as it was\\): make room or fix "
          + "the folder, then run again\nsame\n$", options: .regularExpression) != nil, "\(text)")
  }
}
