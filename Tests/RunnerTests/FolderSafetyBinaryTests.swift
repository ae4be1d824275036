import Conventions
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Issue 13's folder cases on the built binary: a sweep spec given to `runner run`, run
/// history, `../` in a plan, folders of the other kind or not the runner's, and locks.
@Suite(.serialized)
struct FolderSafetyBinaryTests {
  /// A single-run spec (a few milliseconds of training) in a fresh folder.
  static func singleSpec(in root: URL, learningRate: Double = 0.1) throws -> String {
    let text = """
      name: tiny
      seed: 3
      dataset:
        generator: {type: linear, samples: 64, weights: [1.5, -2], bias: 1, noise: 0.1}
        split: {train: 0.75, test: 0.25}
      model: {type: linreg, init: zeros}
      loss: mse
      optimizer: {type: gd, learning_rate: \(learningRate), iterations: 200}
      record_every: 20
      metrics: [mse]
      """
    let url = root.appendingPathComponent("tiny-\(learningRate).yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static func write(_ text: String, _ url: URL) throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  @Test func runOnASweepSpecRefusesAndKeepsTheSweep() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = SweepBinary.fixture("kill-grid.yaml")
    let marker = root.appendingPathComponent("sweep-kill-grid/keep.txt")
    try Self.write("mine", marker)
    let result = try SweepBinary.run(["run", spec, "--results-dir", root.path])
    #expect(result.status == 64)
    #expect(
      result.error.contains(
        "error: \(spec) declares `sweep:`; run it with `\(SweepBinary.command()) sweep "
          + "\(spec.shellQuoted) --results-dir \(root.path.shellQuoted)` "
          + "(a single run never writes a sweep's folder)"
      ), "\(result.error)")
    #expect(FileManager.default.fileExists(atPath: marker.path))
  }

  /// A `--set` that gives a spec its `sweep:` is named as the giver, and the `runner sweep`
  /// command keeps every `--set` (tester BC 5: it said the spec declares it and dropped them,
  /// and `runner sweep SPEC` then said there was nothing to sweep) and the run's own options
  /// (tester BD F-l: it dropped `--results-dir`, so pasted it swept into ./results instead).
  @Test func runGivenASweepByASetKeepsTheSetsInTheSweepCommand() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("plain.yaml")
    try Self.write(
      "dataset: {generator: moons, split: {train: 0.6, dev: 0.2, test: 0.2}}\n"
        + "model: {type: logreg}\noptimizer: {type: gd, iterations: 5}\n", spec)
    let sets = ["optimizer.iterations=3", "sweep.parameters.optimizer.learning_rate=[0.1, 0.01]"]
    let results = root.appendingPathComponent("my results")
    let result = try SweepBinary.run(
      ["run", spec.path, "--results-dir", results.path, "--strict"]
        + sets.flatMap { ["--set", $0] }, in: root)
    #expect(result.status == 64)
    let command =
      "\(SweepBinary.command(in: root)) sweep \(spec.path.shellQuoted) "
      + "--set optimizer.iterations=3 --set 'sweep.parameters.optimizer.learning_rate=[0.1, 0.01]' "
      + "--results-dir \(results.path.shellQuoted) --strict"
    #expect(
      result.error.contains(
        "error: --set 'sweep.parameters.optimizer.learning_rate=[0.1, 0.01]' declares `sweep:`; "
          + "run it with `\(command)` (a single run never writes a sweep's folder)"),
      "\(result.error)")
    // Pasted as printed (the runner as printed is this binary), the sweep writes where the
    // run was told to, nowhere else.
    let pasted = command.replacingOccurrences(
      of: SweepBinary.command(in: root) + " sweep ",
      with: try #require(SweepBinary.executable).path.shellQuoted + " sweep ")
    let swept = try MergeRoundCommandsBinaryTests.shell(pasted, in: root)
    #expect(swept.status == 0, "\(swept.error)")
    let written = try FileManager.default.contentsOfDirectory(atPath: results.path)
    #expect(written.count == 1 && written[0].hasPrefix("plain@"), "\(written)")
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("results").path))
  }

  @Test func threeLearningRatesKeepThreeFoldersThatDiffCompares() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = try Self.singleSpec(in: root)
    let results = root.appendingPathComponent("results")
    var folders: [String] = []
    // (0.1 is the spec's own rate, which names no folder of its own.)
    for rate in ["0.01", "0.05", "0.2"] {
      let result = try SweepBinary.run(
        ["run", spec, "--results-dir", results.path, "--set", "optimizer.learning_rate=\(rate)"])
      #expect(result.status == 0, "\(result.error)")
      let folder = results.appendingPathComponent("tiny@optimizer.learning_rate=\(rate)").path
      #expect(result.output.contains("results: \(folder)/"), "\(result.output)")
      folders.append(folder)
    }
    for folder in folders {
      #expect(FileManager.default.fileExists(atPath: folder + "/summary.csv"))
    }
    let diff = try SweepBinary.run(["diff", folders[0], folders[2]])
    #expect(diff.status == 1, "\(diff.output)\(diff.error)")
    #expect(diff.output.contains("learning_rate"), "\(diff.output)")
    // The spec as written keeps its stable path, and an edited spec keeps the earlier run.
    #expect(try SweepBinary.run(["run", spec, "--results-dir", results.path]).status == 0)
    try String(contentsOfFile: spec, encoding: .utf8).replacingOccurrences(
      of: "seed: 3", with: "seed: 4"
    ).write(toFile: spec, atomically: true, encoding: .utf8)
    let edited = try SweepBinary.run(["run", spec, "--results-dir", results.path])
    #expect(edited.status == 0)
    #expect(edited.error.contains("had a different spec; it is kept in"), "\(edited.error)")
    let history = results.appendingPathComponent(".history/tiny")
    let kept = try FileManager.default.contentsOfDirectory(atPath: history.path)
    #expect(kept.count == 1)
  }

  @Test func mergeRefusesATrialOutsideTheSweep() throws {
    let root = SweepBinary.temporaryDirectory()
    let victim = root.appendingPathComponent("victim/data.txt")
    try Self.write("precious", victim)
    let shard = root.appendingPathComponent("shard")
    try Self.write("trial,x\n../victim,1\n", shard.appendingPathComponent("plan.csv"))
    try Self.write(
      "trial,status,reason\n../victim,ok,\n",
      shard.appendingPathComponent("../victim/status.csv"))
    let into = root.appendingPathComponent("merged")
    let result = try SweepBinary.run(["merge", shard.path, "--into", into.path])
    #expect(result.status == 65)
    #expect(
      result.error.contains(
        "error: \(shard.path)/plan.csv names trial '../victim', which is not a folder inside the sweep (a trial ID is one plain folder name); refusing to read or write outside the sweep"
      ), "\(result.error)")
    #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
  }

  @Test func commandsRefuseFoldersOfTheOtherKindOrNotTheirs() throws {
    let root = SweepBinary.temporaryDirectory()
    // `runner report` on a user's folder with a summary.csv.
    let user = root.appendingPathComponent("mine")
    try Self.write("metric,value\nloss,1\n", user.appendingPathComponent("summary.csv"))
    try Self.write("my notes", user.appendingPathComponent("report.md"))
    try Self.write("<svg/>", user.appendingPathComponent("plots/mine.svg"))
    let report = try SweepBinary.run(["report", user.path])
    #expect(report.status == 73)
    #expect(
      report.error.contains(
        "error: \(user.path) is a folder the runner did not write; `runner report` writes only into folders it created, so it leaves this one untouched (name a run's or a sweep's results folder, e.g. results/cat; `\(SweepBinary.command()) ls` lists them)"
      ), "\(report.error)")
    #expect(
      try String(contentsOf: user.appendingPathComponent("report.md"), encoding: .utf8)
        == "my notes")
    #expect(
      FileManager.default.fileExists(atPath: user.appendingPathComponent("plots/mine.svg").path))
    // A single run's folder receives neither a sweep nor a merge, and a sweep folder no run.
    let spec = try Self.singleSpec(in: root)
    #expect(try SweepBinary.run(["run", spec, "--results-dir", root.path]).status == 0)
    let single = root.appendingPathComponent("tiny")
    let before = SweepBinary.contents(of: single)
    let sweepSpec = root.appendingPathComponent("grid.yaml")
    try String(contentsOfFile: SweepBinary.fixture("kill-grid.yaml"), encoding: .utf8)
      .replacingOccurrences(of: "name: sweep-kill-grid", with: "name: tiny")
      .write(to: sweepSpec, atomically: true, encoding: .utf8)
    let sweep = try SweepBinary.run(["sweep", sweepSpec.path, "--results-dir", root.path])
    #expect(sweep.status == 73)
    #expect(
      sweep.error.contains(
        "error: \(single.path) is a single run's results folder; `runner sweep` writes only into folders it created"
      ), "\(sweep.error)")
    // The dry run ("will this work") says the same refusal, with the same exit (tester AY F3).
    let dry = try SweepBinary.run(
      ["sweep", sweepSpec.path, "--results-dir", root.path, "--dry-run"])
    #expect(dry.status == 73, "\(dry.error)")
    let refusal = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("error:") }
    }
    #expect(refusal(dry.error) == refusal(sweep.error), "\(dry.error)")
    #expect(refusal(dry.error).count == 1, "\(dry.error)")
    #expect(dry.output.isEmpty, "\(dry.output)")
    let shards = root.appendingPathComponent("shards")
    let shard = try SweepBinary.run(
      [
        "sweep", SweepBinary.fixture("kill-grid.yaml"), "--results-dir", shards.path,
        "--shard", "1/6",
      ])
    #expect(shard.status == 0, "\(shard.error)")
    let merge = try SweepBinary.run(
      ["merge", shards.appendingPathComponent("sweep-kill-grid").path, "--into", single.path])
    #expect(merge.status == 73)
    #expect(merge.error.contains("is a single run's results folder; `runner merge` writes only"))
    #expect(SweepBinary.contents(of: single) == before)
  }

  @Test func aRunInUseByAnotherProcessIsRefusedWithItsPid() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = try Self.singleSpec(in: root)
    let lockFile = root.appendingPathComponent(".tiny.lock")
    let fd = open(lockFile.path, O_RDWR | O_CREAT, 0o644)
    defer { close(fd) }
    #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
    let text = Array("\(getpid())\n".utf8)
    _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    let result = try SweepBinary.run(["run", spec, "--results-dir", root.path])
    #expect(result.status == 75)
    #expect(
      result.error.contains(
        "error: \(root.path)/tiny is in use by pid \(getpid()) (another runner writing the same results); wait for it to finish, or stop it"
      ), "\(result.error)")
    // Released (as when its holder dies), the lock is taken over.
    flock(fd, LOCK_UN)
    #expect(try SweepBinary.run(["run", spec, "--results-dir", root.path]).status == 0)
  }

  @Test func aRerunKeepsTheUsersFilesInHistory() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = try Self.singleSpec(in: root)
    let results = root.appendingPathComponent("results")
    let history = results.appendingPathComponent(".history/tiny")
    for _ in 0..<2 {
      #expect(try SweepBinary.run(["run", spec, "--results-dir", results.path]).status == 0)
    }
    // A rerun of the same spec replaces the runner's own files and keeps no history.
    #expect(!FileManager.default.fileExists(atPath: history.path))
    let folder = results.appendingPathComponent("tiny")
    let before = SweepBinary.contents(of: folder)
    let notes = folder.appendingPathComponent("my-notes.md")
    try "notes\n".write(to: notes, atomically: true, encoding: .utf8)
    let rerun = try SweepBinary.run(["run", spec, "--results-dir", results.path])
    #expect(rerun.status == 0, "\(rerun.error)")
    #expect(
      rerun.error.contains(
        "note: the previous run in \(folder.path) held files this run does not write (my-notes.md); it is kept in \(history.path)/"
      ), "\(rerun.error)")
    let kept = try FileManager.default.contentsOfDirectory(atPath: history.path)
    #expect(kept.count == 1)
    let keptNotes = history.appendingPathComponent(kept[0]).appendingPathComponent("my-notes.md")
    #expect(try String(contentsOf: keptNotes, encoding: .utf8) == "notes\n")
    // The new folder holds the new run alone, byte for byte the same results.
    #expect(!FileManager.default.fileExists(atPath: notes.path))
    #expect(SweepBinary.contents(of: folder) == before)
  }

  @Test func aSecondRunOfTheSameFolderIsRefusedAtItsStart() throws {
    let root = SweepBinary.temporaryDirectory()
    // A run of a few seconds, into a results root that does not exist yet.
    let spec = root.appendingPathComponent("slow.yaml")
    try String(contentsOfFile: try Self.singleSpec(in: root), encoding: .utf8)
      .replacingOccurrences(of: "iterations: 200", with: "iterations: 600000")
      .replacingOccurrences(of: "record_every: 20", with: "record_every: 200000")
      .write(to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results")
    nonisolated(unsafe) var first: SweepBinary.Result?
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      first = try? SweepBinary.run(["run", spec.path, "--results-dir", results.path])
      group.leave()
    }
    let lockFile = results.appendingPathComponent(".tiny.lock")
    for _ in 0..<15_000 where !FileManager.default.fileExists(atPath: lockFile.path) {
      usleep(2_000)
    }
    let second = try SweepBinary.run([
      "run", spec.path, "--results-dir", results.path, "--set", "optimizer.learning_rate=0.05",
      "--set", "output=tiny",
    ])
    let stillRunning = !FileManager.default.fileExists(
      atPath: results.appendingPathComponent("tiny").path)
    group.wait()
    #expect(first?.status == 0, "\(first?.error ?? "")")
    #expect(stillRunning, "the first run ended before the second started")
    #expect(second.status == 75, "\(second.error)")
    #expect(
      second.error.contains(
        "error: \(results.path)/tiny is in use by pid "), "\(second.error)")
    #expect(!second.output.contains("results:"))
    // Only the first run was committed: nothing went to history.
    #expect(
      !FileManager.default.fileExists(atPath: results.appendingPathComponent(".history").path))
  }

  @Test func anUnusableResultsDirIsRefusedBeforeItsDataIsRead() throws {
    let root = SweepBinary.temporaryDirectory()
    let file = root.appendingPathComponent("file")
    try "x".write(to: file, atomically: true, encoding: .utf8)
    // Data that does not exist: loading it first would exit 66.
    let spec = root.appendingPathComponent("unread.yaml")
    try String(contentsOfFile: try Self.singleSpec(in: root), encoding: .utf8)
      .replacingOccurrences(
        of: "generator: {type: linear, samples: 64, weights: [1.5, -2], bias: 1, noise: 0.1}",
        with: "file: nowhere.csv\n  target: y"
      )
      .write(to: spec, atomically: true, encoding: .utf8)
    let cases = [
      (file.path, "\(file.path) is a file, not a folder"),
      (file.path + "/deeper", "\(file.path) is a file, not a folder"),
      ("/proc/runner-results", "cannot create the folder /proc/runner-results ("),
    ]
    for (dir, reason) in cases {
      let r = try SweepBinary.run(["run", spec.path, "--results-dir", dir])
      #expect(r.status == 73, "\(r.error)")
      #expect(r.error.contains("error: cannot write results in \(dir): \(reason)"), "\(r.error)")
      #expect(
        r.error.contains(
          "choose a writable --results-dir (or `results_dir` in runner.yaml, or the spec's `output`)"
        ))
      #expect(!r.error.contains("NSCocoaErrorDomain"))
    }
    let sweep = try SweepBinary.run([
      "sweep", SweepBinary.fixture("kill-grid.yaml"), "--results-dir", file.path,
    ])
    #expect(sweep.status == 73, "\(sweep.error)")
    #expect(
      sweep.error.contains(
        "error: cannot write results in \(file.path): \(file.path) is a file, not a folder"),
      "\(sweep.error)")
    #expect(try String(contentsOf: file, encoding: .utf8) == "x")
    // A read-only folder is refused too, with root's privileges as without (root may write
    // anywhere: the runner reads the folder's mode itself).
    let readOnly = root.appendingPathComponent("read-only")
    try FileManager.default.createDirectory(
      at: readOnly, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o555])
    let r = try SweepBinary.run(["run", spec.path, "--results-dir", readOnly.path])
    #expect(r.status == 73, "\(r.error)")
    #expect(r.error.contains("error: cannot write results in \(readOnly.path): "), "\(r.error)")
  }

  @Test func foldersOfEarlierVersionsAreRecognizedByTheirFiles() throws {
    let root = SweepBinary.temporaryDirectory()
    let baseline = SweepBinary.root.appendingPathComponent("results/baseline")
    for name in ["cat", "moons-mlp-grid-sweep"] {
      try FileManager.default.copyItem(
        at: baseline.appendingPathComponent(name), to: root.appendingPathComponent(name))
    }
    let report = try SweepBinary.run(["report", root.appendingPathComponent("cat").path])
    #expect(report.status == 0, "\(report.error)")
    let merge = try SweepBinary.run([
      "merge", root.appendingPathComponent("moons-mlp-grid-sweep").path,
    ])
    #expect(merge.status == 0, "\(merge.error)")
  }
}

/// Temporaries that a killed `runner report` left in a run's folder.
@Suite struct ReportLeftoversBinaryTests {
  /// The ID of no process: the largest pid, above the range of pids of every system (at most
  /// 2^22 on Linux, 99998 on macOS). Not the pid of a child that has exited: while the tests run
  /// in parallel, another process may be given that pid.
  static func deadProcess() throws -> pid_t {
    let pid = Int32.max
    let none = kill(pid, 0) == -1 && errno == ESRCH
    try #require(none, "pid \(pid) names a process")
    return pid
  }

  @Test func reportRemovesTemporariesOfDeadProcessesOnly() throws {
    let root = SweepBinary.temporaryDirectory()
    let run = root.appendingPathComponent("cat")
    try FileManager.default.copyItem(
      at: SweepBinary.root.appendingPathComponent("results/baseline/cat"), to: run)
    let dead = try Self.deadProcess()
    let stale = [".report.md.tmp-\(dead)-A", "plots/.loss.svg.tmp-\(dead)-B"]
    // A running process's temporary (this test's) and a user's hidden file stay.
    let kept = [".report.html.tmp-\(getpid())-C", ".my.tmp-notes"]
    for name in stale + kept {
      try FolderSafetyBinaryTests.write("half", run.appendingPathComponent(name))
    }
    let report = try SweepBinary.run(["report", run.path])
    #expect(report.status == 0, "\(report.error)")
    for name in stale {
      #expect(!FileManager.default.fileExists(atPath: run.appendingPathComponent(name).path))
    }
    for name in kept {
      #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent(name).path))
    }
  }
}

/// `runner report` keeps a report.md or report.html you annotated in `.history/` (it rewrote
/// them silently); a report that is as it would write it is rewritten with no copy.
@Suite struct ReportKeepsEditsBinaryTests {
  /// A run with overrides (folder `m@seed=3`) rebuilds the very report it wrote: no note, no
  /// copy (the run titled it by its folder, `runner report` by its spec's output).
  @Test func aReportOfARunWithOverridesIsRebuiltAsItWasWritten() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = root.appendingPathComponent("m.yaml")
    // (Noisy moons: the seed draws the noise, so `seed=3` names a folder of its own.)
    try
      "name: m\ndataset: {generator: {type: moons, samples: 40, noise: 0.2}}\nmodel: {type: logreg}\n"
      .write(to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results")
    let run = try SweepBinary.run([
      "run", spec.path, "--results-dir", results.path, "--set", "seed=3",
    ])
    #expect(run.status == 0, "\(run.error)")
    let report = try SweepBinary.run(["report", results.appendingPathComponent("m@seed=3").path])
    #expect(report.status == 0 && !report.error.contains("note:"), "\(report.error)")
    #expect(
      !FileManager.default.fileExists(atPath: results.appendingPathComponent(".history").path))
  }

  @Test func anAnnotatedReportIsKeptBeforeItIsRebuilt() throws {
    let root = SweepBinary.temporaryDirectory()
    let run = root.appendingPathComponent("cat")
    try FileManager.default.copyItem(
      at: SweepBinary.root.appendingPathComponent("results/baseline/cat"), to: run)
    let first = try SweepBinary.run(["report", run.path])
    #expect(first.status == 0, "\(first.error)")
    let again = try SweepBinary.run(["report", run.path])
    #expect(again.status == 0 && !again.error.contains("note:"), "\(again.error)")
    let markdown = run.appendingPathComponent("report.md")
    let rebuilt = try String(contentsOf: markdown, encoding: .utf8)
    try (rebuilt + "\nMy note for the class.\n").write(
      to: markdown, atomically: true, encoding: .utf8)
    let edited = try SweepBinary.run(["report", run.path])
    #expect(edited.status == 0, "\(edited.error)")
    #expect(edited.error.contains("note: report.md in \(run.path) differed"), "\(edited.error)")
    let history = root.appendingPathComponent(".history/cat")
    let kept = try FileManager.default.contentsOfDirectory(atPath: history.path)
    #expect(kept.count == 1)
    let copy = history.appendingPathComponent(kept[0]).appendingPathComponent("report.md")
    #expect(try String(contentsOf: copy, encoding: .utf8).hasSuffix("My note for the class.\n"))
    #expect(try String(contentsOf: markdown, encoding: .utf8) == rebuilt)
  }
}
