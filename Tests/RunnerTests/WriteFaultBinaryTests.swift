import Conventions
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
          + "was saved \\(\(path) is as it was\\): raise the file size limit \\(ulimit -f\\), then "
          + "run again"),
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
          + "\\(this trial was not saved\\); the trials completed are kept: raise the file size "
          + "limit \\(ulimit -f\\), then run the same command again to resume"), "\(r.error)")
    #expect(SweepBinary.contents(of: folder).filter { $0.key.hasPrefix(trials[1]) }.isEmpty)
    // The trials kept as they were; the earlier report (of fewer trials) and its plots, which
    // the stop could not rewrite, removed rather than left looking current (AK10).
    let after = SweepBinary.contents(of: folder)
    for (file, bytes) in kept
    where !file.hasPrefix("summary.csv") && !file.hasPrefix("report.") && !file.hasPrefix("plots/")
    {
      #expect(after[file] == bytes, "\(file)")
    }
    #expect(after["report.md"] == nil && after["report.html"] == nil)
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
    // The earlier report.md and plot differ from the rebuild: a copy is kept in .history first.
    #expect(
      r.error.hasPrefix("note: plots/loss.svg, report.md in \(folder.path) differed"),
      "\(r.error)")
    #expect(
      r.error.hasSuffix(
        "\nerror: cannot write \(folder.path)/report.html: File too large; the report is as it "
          + "was: raise the file size limit (ulimit -f), then run "
          + "`\(SweepBinary.command()) report \(folder.path.shellQuoted)` again\n"
      ), "\(r.error)")
    #expect(SweepBinary.contents(of: folder) == before)
    #expect(SweepBinary.hiddenEntries(below: folder).isEmpty)
    // A retry that fails again keeps no second copy of the same report.
    let retry = try SweepBinary.run(["report", folder.path], fileSizeLimit: 80)
    #expect(retry.status == 73 && retry.error.contains("kept already in "), "\(retry.error)")
    let history = root.appendingPathComponent(".history/m")
    #expect((try? FileManager.default.contentsOfDirectory(atPath: history.path))?.count == 1)
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
    #expect(SweepBinary.hiddenEntries(below: root).isEmpty)
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
    let (disk, text) = try Self.onPrivateDisk(script, in: dir)
    let folder = Self.escaped(disk.path + "/results/m")
    #expect(
      text.range(
        of: "^status 73\nerror: cannot write \(folder)/[a-z_/]+\\.[a-z]+: No space left on "
          + "device; nothing of this run was saved \\(\(folder) is as it was\\): make room or fix "
          + "the folder, then run again\nsame\n$", options: .regularExpression) != nil, "\(text)")
  }

  @Test func aComparisonThatCannotBeWrittenLeavesTheEarlierOneWhole() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = dir.appendingPathComponent("results")
    let spec = dir.appendingPathComponent("m.yaml").path
    #expect(try SweepBinary.run(["run", spec, "--results-dir", root.path]).status == 0)
    let second = ["run", spec, "--results-dir", root.path, "--set", "optimizer.epochs=21"]
    #expect(try SweepBinary.run(second).status == 0)
    let runs = try FileManager.default.contentsOfDirectory(atPath: root.path)
      .filter { !$0.hasPrefix(".") }.sorted().map { root.appendingPathComponent($0).path }
    #expect(runs.count == 2)
    let into = dir.appendingPathComponent("cmp")
    #expect(try SweepBinary.run(["compare"] + runs + ["--into", into.path]).status == 0)
    let before = SweepBinary.contents(of: into)
    // compare.html does not fit: nothing of the new comparison is written.
    let r = try SweepBinary.run(
      ["compare"] + runs.reversed() + ["--into", into.path], fileSizeLimit: Self.limit)
    #expect(r.status == 73)
    #expect(
      Self.oneLine(
        r.error,
        "error: cannot write \(Self.escaped(into.path))/[a-z_/]+\\.[a-z]+: File too large; the "
          + "comparison folder is as it was: raise the file size limit \\(ulimit -f\\), then "
          + "compare again"),
      "\(r.error)")
    #expect(SweepBinary.contents(of: into) == before)
    #expect(SweepBinary.hiddenEntries(below: into).isEmpty)
    // A new comparison folder that cannot be written is not left behind, empty.
    let fresh = dir.appendingPathComponent("cmp2")
    let r2 = try SweepBinary.run(
      ["compare"] + runs + ["--into", fresh.path], fileSizeLimit: Self.limit)
    #expect(r2.status == 73)
    #expect(!FileManager.default.fileExists(atPath: fresh.path))
  }

  /// Runs `script` (`sh -c`) in a private mount namespace with `$1` the folder `dir/disk` (for
  /// the script to mount a small disk on), `$2` the runner and `$3` `dir/m.yaml`; returns the
  /// folder and the script's stdout.
  static func onPrivateDisk(_ script: String, in dir: URL) throws -> (disk: URL, text: String) {
    let runner = try #require(SweepBinary.executable).path
    let disk = dir.appendingPathComponent("disk")
    try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
    process.arguments = [
      "-rm", "sh", "-c", script, "sh", disk.path, runner, dir.appendingPathComponent("m.yaml").path,
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (disk, text)
  }

  /// A run over an earlier run's folder on a file system mounted read-only is refused as the
  /// results root there is (tester BF F3: it was told to `chmod -R u+w` the folder or to choose
  /// another `output`, neither possible there).
  @Test(.enabled(if: canMountTmpfs, "needs unshare to mount a private tmpfs"))
  func aRunOnAReadOnlyFileSystemIsToldToWriteElsewhere() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let script = """
      set -e
      mount -t tmpfs -o size=1m tmpfs "$1"
      "$2" run "$3" --results-dir "$1/results" >/dev/null 2>&1
      mount -o remount,ro "$1"
      set +e
      "$2" run "$3" --results-dir "$1/results" >/dev/null 2>"$1.err"
      echo "status $?"
      grep '^error:' "$1.err"
      """
    let (disk, text) = try Self.onPrivateDisk(script, in: dir)
    let folder = disk.path + "/results/m"
    #expect(
      text
        == "status 73\nerror: cannot write results in \(folder): cannot create files in it "
        + "(Read-only file system); choose a writable --results-dir (or `results_dir` in "
        + "runner.yaml, or the spec's `output`)\n", "\(text)")
  }

  /// A run folder that is a mount point (a Docker volume at `results/<name>`; here a bind mount
  /// on the same file system, which only the mount table tells) cannot be
  /// renamed: the run failed with "Device or resource busy" once it had trained, leaving its
  /// staging folder (tester BU-11). It is refused before training, nothing written.
  @Test(.enabled(if: canMountTmpfs, "needs unshare to mount a private tmpfs"))
  func aRunFolderThatIsAMountPointIsRefusedBeforeTraining() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let script = """
      set -e
      mount -t tmpfs -o size=1m tmpfs "$1"
      "$2" run "$3" --results-dir "$1/volume" >/dev/null 2>&1
      mkdir -p "$1/results/m"
      mount --bind "$1/volume/m" "$1/results/m"
      set +e
      "$2" run "$3" --results-dir "$1/results" >"$1.out" 2>"$1.err"
      echo "status $?"
      grep -c 'epoch' "$1.err" "$1.out"
      ls -A "$1/results"
      """
    let (disk, text) = try Self.onPrivateDisk(script, in: dir)
    let folder = disk.path + "/results/m"
    let err = (try? String(contentsOfFile: disk.path + ".err", encoding: .utf8)) ?? ""
    #expect(text == "status 73\n\(disk.path).err:0\n\(disk.path).out:0\nm\n", "\(text)")
    #expect(
      err.hasPrefix(
        "error: cannot write results in \(folder): it is a mount point (a bind mount or a "
          + "volume)"), "\(err)")
  }

  @Test(.enabled(if: canMountTmpfs, "needs unshare to mount a private tmpfs"))
  func gateRecordOnAFullDiskKeepsTheEarlierBaseline() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A project on a 1 MB disk: one baseline recorded, the disk filled, then recorded again.
    let script = """
      set -e
      mount -t tmpfs -o size=1m tmpfs "$1"
      mkdir -p "$1/p/results/baseline"
      cp "$3" "$1/p/m.yaml"
      printf 'name,spec,command,atol,rtol,iteration_rtol\\nm,m.yaml,run,1e-10,1e-7,0.25\\n' \\
        > "$1/p/results/baseline/gate.csv"
      cd "$1/p"
      "$2" gate --record >/dev/null 2>&1
      # Results that differ, so that the next record writes (an unchanged one is left as is).
      printf 'loss\\n1.0\\n' > results/baseline/m/summary.csv
      cksum $(find results -type f | sort) > "$1/before"
      avail=$(df -k "$1" | tail -1 | awk '{print $4}')
      head -c $(( avail * 1024 )) /dev/zero > "$1/fill" || true
      set +e
      TMPDIR=/tmp "$2" gate --record >/dev/null 2>"$1.err"
      echo "status $?"
      cat "$1.err"
      cksum $(find results -type f | sort) | diff "$1/before" - && echo same
      find results -name '.*'
      """
    let (disk, text) = try Self.onPrivateDisk(script, in: dir)
    let baseline = Self.escaped(disk.path + "/p/results/baseline/m")
    #expect(
      text.range(
        of: "^status 73\nerror: cannot write \(baseline): No space left on device; the earlier "
          + "baseline is as it was: make room or fix the folder, then record again\nsame\n$",
        options: .regularExpression) != nil, "\(text)")
  }

  @Test(.enabled(if: canMountTmpfs, "needs unshare to mount a private tmpfs"))
  func anExportOnAFullDiskSaysWhatToDoAndLeavesNoFile() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cat = SweepBinary.root.appendingPathComponent("results/baseline/cat").path
    let script = """
      set -e
      mount -t tmpfs -o size=1m tmpfs "$1"
      cp -r '\(cat)' "$1/cat"
      avail=$(df -k "$1" | tail -1 | awk '{print $4}')
      head -c $(( avail * 1024 )) /dev/zero > "$1/fill" || true
      set +e
      "$2" export dvc "$1/cat" 2>&1
      echo "status $?"
      ls -A "$1/cat" | grep -c json
      """
    let (disk, text) = try Self.onPrivateDisk(script, in: dir)
    #expect(
      text
        == "error: cannot write \(disk.path)/cat/summary.json: No space left on device (make its "
        + "folder writable or free some space, or export a copy of the run elsewhere, then "
        + "export again)\nstatus 73\n0\n", "\(text)")
  }

  /// Runs `runner arguments` with standard output or standard error (or both) on `/dev/full`,
  /// which takes no byte; returns the exit status and what reached the other stream.
  static func withFullStream(_ arguments: [String], stdout: Bool, stderr: Bool) throws -> (
    status: Int32, text: String
  ) {
    let executable = try #require(SweepBinary.executable)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = [
      "PATH": "/usr/bin:/bin", "NO_COLOR": "1",
      "LLVM_PROFILE_FILE": SweepBinary.profileFile(sizeLimited: false),
    ]
    let pipe = Pipe()
    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    process.standardOutput = stdout ? full : pipe
    process.standardError = stderr ? full : pipe
    try process.run()
    // The pipe's writing end goes to the child only; closed here, the read ends with it.
    try pipe.fileHandleForWriting.close()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
  func aFullStandardStreamIsAnErrorNeverACrash() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = dir.appendingPathComponent("results")
    let run = ["run", dir.appendingPathComponent("m.yaml").path, "--results-dir", root.path]
    // Progress and diagnostics that cannot be written are let go: the run completes.
    let quiet = try Self.withFullStream(run, stdout: false, stderr: true)
    #expect(quiet.status == 0)
    #expect(quiet.text.contains("m: completed"))
    // The output is the product: not written, it is an error (73), never a trap (132).
    let message = "error: cannot write the output (standard output): No space left on device\n"
    let table = SweepBinary.root.appendingPathComponent("experiments/data/iris.csv").path
    for arguments in [
      run, ["ls", root.path], ["env"], ["explain", run[1]], ["data", "show", table],
    ] {
      let r = try Self.withFullStream(arguments, stdout: true, stderr: false)
      #expect(r.status == 73, "\(arguments[0]): \(r.text)")
      // A run's results are written: the error says so, and where (tester BB F15).
      let kept =
        arguments == run
        ? "; the run's results are complete in \(root.appendingPathComponent("m").path): only "
          + "this output is lost" : ""
      #expect(
        r.text.hasSuffix(String(message.dropLast()) + kept + "\n"), "\(arguments[0]): \(r.text)")
      #expect(!r.text.contains("crashed"))
    }
    let both = try Self.withFullStream(["ls", root.path], stdout: true, stderr: true)
    #expect(both.status == 73)
    let error = try Self.withFullStream(
      ["ls", dir.appendingPathComponent("none").path], stdout: false, stderr: true)
    #expect(error.status == 66)
  }

  @Test func aRunFolderThatLinksElsewhereIsReplacedLeavingItsTargetUntouched() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("m.yaml").path
    let outside = dir.appendingPathComponent("outside")
    #expect(try SweepBinary.run(["run", spec, "--results-dir", outside.path]).status == 0)
    let target = outside.appendingPathComponent("m")
    try "mine\n".write(
      to: target.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let before = SweepBinary.contents(of: target)
    let root = dir.appendingPathComponent("results")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("m").path, withDestinationPath: "../outside/m")
    let r = try SweepBinary.run(
      [
        "run", spec, "--results-dir", root.path, "--set", "optimizer.epochs=21", "--set",
        "output=m",
      ])
    #expect(r.status == 0, "\(r.error)")
    #expect(SweepBinary.contents(of: target) == before)
    // The link is kept in history, still naming the folder it named.
    let history = root.appendingPathComponent(".history/m")
    let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: history.path).first)
    let link = try FileManager.default.destinationOfSymbolicLink(
      atPath: history.appendingPathComponent(kept).path)
    #expect(URL(fileURLWithPath: link).standardizedFileURL == target.standardizedFileURL)
    #expect(r.error.contains("it is kept in \(history.path)/\(kept)"), "\(r.error)")
  }

  /// A link at `-o` is never written through: refused without `--force` (dangling too); with
  /// it, the link itself is replaced by the predictions file and the file it named is left.
  @Test func predictNeverWritesThroughALinkAndForceReplacesTheLinkItself() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("m.yaml").path
    let root = dir.appendingPathComponent("results")
    #expect(try SweepBinary.run(["run", spec, "--results-dir", root.path]).status == 0)
    let params = root.appendingPathComponent("m/params").path
    let two = dir.appendingPathComponent("two.csv").path
    let three = dir.appendingPathComponent("three.csv").path
    try "x1,x2\n0.1,0.2\n1.0,-0.5\n".write(toFile: two, atomically: true, encoding: .utf8)
    try "x1,x2\n0.1,0.2\n1.0,-0.5\n2.0,0.5\n".write(
      toFile: three, atomically: true, encoding: .utf8)
    let fm = FileManager.default
    let folder = dir.appendingPathComponent("elsewhere")
    try fm.createDirectory(at: folder, withIntermediateDirectories: true)
    let target = folder.appendingPathComponent("p.csv").path
    let link = dir.appendingPathComponent("p.csv").path
    let dangling = dir.appendingPathComponent("d.csv").path
    func predict(_ data: String, _ output: String, _ extra: [String] = []) throws
      -> SweepBinary.Result
    {
      try SweepBinary.run(
        ["predict", spec, "--params", params, "--data", data, "-o", output] + extra)
    }
    func isLink(_ path: String) -> Bool {
      (try? fm.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }
    func rows(_ path: String) throws -> Int {
      try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count
    }
    #expect(try predict(two, target).status == 0)
    let written = try String(contentsOfFile: target, encoding: .utf8)
    try fm.createSymbolicLink(atPath: link, withDestinationPath: "elsewhere/p.csv")
    try fm.createSymbolicLink(atPath: dangling, withDestinationPath: "elsewhere/none.csv")
    // Without --force: refused, even a link to the runner's own predictions, even dangling.
    for (output, destination) in [(link, "elsewhere/p.csv"), (dangling, "elsewhere/none.csv")] {
      let r = try predict(three, output)
      #expect(r.status == 73)
      #expect(
        r.error
          == "error: -o \(output) is a symbolic link (to \(destination)); refusing to replace it "
          + "(choose another -o, or pass --force to replace the link itself with the "
          + "predictions file, leaving \(destination) as it is)\n")
      #expect(try fm.destinationOfSymbolicLink(atPath: output) == destination)
    }
    #expect(try String(contentsOfFile: target, encoding: .utf8) == written)
    #expect(!fm.fileExists(atPath: folder.appendingPathComponent("none.csv").path))
    // With --force: each link is replaced by the file; what it named is left as it was.
    for output in [link, dangling] {
      let r = try predict(three, output, ["--force"])
      #expect(r.status == 0, "\(r.error)")
      #expect(!isLink(output))
      #expect(try rows(output) == 4)
    }
    #expect(try String(contentsOfFile: target, encoding: .utf8) == written)
    // (With the record of what the runner wrote there, which --force's file now is.)
    #expect(
      try fm.contentsOfDirectory(atPath: folder.path).sorted() == [
        ".runner-written.sha256", "p.csv",
      ])
    // A link to an input is replaced, the input kept; the file an input link names is refused.
    let data = dir.appendingPathComponent("data.csv").path
    try fm.createSymbolicLink(atPath: data, withDestinationPath: "two.csv")
    let toInput = dir.appendingPathComponent("to-input.csv").path
    try fm.createSymbolicLink(atPath: toInput, withDestinationPath: "two.csv")
    #expect(try predict(two, toInput, ["--force"]).status == 0)
    #expect(!isLink(toInput))
    let refused = try predict(data, two, ["--force"])
    #expect(refused.status == 73)
    #expect(refused.error.hasPrefix("error: -o \(two) is the --data file"), "\(refused.error)")
    #expect(try String(contentsOfFile: two, encoding: .utf8) == "x1,x2\n0.1,0.2\n1.0,-0.5\n")
    // The --data path itself, a link: kept, even with --force.
    let itself = try predict(data, data, ["--force"])
    #expect(itself.status == 73)
    #expect(itself.error.hasPrefix("error: -o \(data) is the --data file"), "\(itself.error)")
    #expect(isLink(data))
  }

  @Test func aPreviousRunThatCannotGoToHistoryIsNamedWhereItIsKept() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("m.yaml").path
    let root = dir.appendingPathComponent("results")
    #expect(try SweepBinary.run(["run", spec, "--results-dir", root.path]).status == 0)
    let folder = root.appendingPathComponent("m")
    try "mine\n".write(
      to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    // A file where `.history` goes: the previous run cannot be moved there.
    let history = root.appendingPathComponent(".history")
    try "x".write(to: history, atomically: true, encoding: .utf8)
    let rerun = ["run", spec, "--results-dir", root.path, "--set", "optimizer.epochs=21"]
    let r = try SweepBinary.run(rerun + ["--set", "output=m"])
    #expect(r.status == 0, "\(r.error)")
    // Kept beside its folder under a history name, never as a staging folder.
    let names = try FileManager.default.contentsOfDirectory(atPath: root.path)
    let kept = try #require(names.first { $0.hasPrefix(".history-m-") })
    #expect(!names.contains { $0.hasPrefix(".staging-") }, "\(names)")
    #expect(
      r.error.contains(
        "it could not be moved to \(history.path)/m, so it is kept in \(root.path)/\(kept) until "
          + "a run there can move it"), "\(r.error)")
    #expect(
      try String(contentsOf: root.appendingPathComponent("\(kept)/notes.txt"), encoding: .utf8)
        == "mine\n")
    // Once `.history` can be written, the next run there moves it.
    try FileManager.default.removeItem(at: history)
    #expect(try SweepBinary.run(rerun + ["--set", "output=m"]).status == 0)
    let moved = try FileManager.default.contentsOfDirectory(atPath: history.path + "/m")
    #expect(moved.count == 1)
    #expect(!(try FileManager.default.contentsOfDirectory(atPath: root.path)).contains(kept))
  }
}
