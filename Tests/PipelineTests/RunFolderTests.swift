import Conventions
import Foundation
import Specs
import Testing

@testable import Pipeline
@testable import Reports

/// Run history names and folder kinds (docs/results.md, "Run history").
struct RunFolderTests {
  let root = URL(fileURLWithPath: "/tmp/results", isDirectory: true)

  @Test func theSpecAsWrittenKeepsItsStablePath() {
    #expect(
      RunFolderName.folder(output: "cat", overrides: [], root: root).path == "/tmp/results/cat")
  }

  @Test func overridesNameTheirFolderInKeyOrder() {
    let folder = RunFolderName.folder(
      output: "cat", overrides: ["seed=2", "optimizer.learning_rate=0.01"], root: root)
    #expect(folder.lastPathComponent == "cat@optimizer.learning_rate=0.01,seed=2")
  }

  @Test func aRemovalNamesItsFolderAsHydraWritesIt() {
    let folder = RunFolderName.folder(
      output: "cat", overrides: ["optimizer.type=gd", "~optimizer.batch_size"], root: root)
    #expect(folder.lastPathComponent == "cat@optimizer.type=gd,~optimizer.batch_size")
    // Removing list items in another order removes other items: another folder.
    let steps = ["~dataset.preprocessing[0]", "~dataset.preprocessing[1]"]
    let forward = RunFolderName.folder(output: "cat", overrides: steps, root: root)
    let backward = RunFolderName.folder(output: "cat", overrides: steps.reversed(), root: root)
    #expect(forward != backward)
    // Removing `output` goes to the default folder, still named by the other overrides.
    let removed = RunFolderName.folder(output: "cat", overrides: ["~output", "seed=3"], root: root)
    #expect(removed.lastPathComponent == "cat@seed=3,~output")
  }

  /// A key set around another one given resets it when it comes second: the two are named in
  /// the order given, so the name read back as `--set` options gives the same spec.
  @Test func overridesAroundOneAnotherKeepTheirOrder() {
    let around = ["optimizer={type: sgd}", "optimizer.learning_rate=0.02", "seed=2"]
    let folder = RunFolderName.folder(output: "cat", overrides: around, root: root)
    #expect(folder.lastPathComponent == "cat@" + around.joined(separator: ","))
    #expect(
      SweepPlace.overrides(in: folder.lastPathComponent, base: "cat") == around)
    let removed = ["~optimizer", "optimizer.learning_rate=0.02"]
    #expect(
      RunFolderName.folder(output: "cat", overrides: removed, root: root).lastPathComponent
        == "cat@~optimizer,optimizer.learning_rate=0.02")
  }

  @Test func anOverrideOfOutputNamesTheFolderOutright() {
    let folder = RunFolderName.folder(
      output: "mine", overrides: ["output=mine", "seed=2"], root: root)
    #expect(folder.path == "/tmp/results/mine")
  }

  /// `--set name=o_x` on a spec writing no `output` already names the folder `o_x`: it is not
  /// repeated after `@`; on a spec writing `output`, the name is just another override.
  @Test func aNameOverrideNamesTheFolderOnce() throws {
    let text = "dataset: {name: iris}\nmodel: {type: logreg, multiclass: softmax}\n"
    func folder(_ spec: String, _ overrides: [String]) throws -> String {
      var options = SpecOptions()
      options.overrides = overrides
      let loaded = try SpecLoader.load(text: spec, file: "a.yaml", options: options)
      return RunFolderName.folder(
        output: loaded.spec.output, overrides: overrides, root: root,
        outputFromName: loaded.outputFromName
      ).lastPathComponent
    }
    #expect(try folder(text, ["name=o_x"]) == "o_x")
    #expect(try folder(text, ["name=o_x", "seed=2"]) == "o_x@seed=2")
    #expect(try folder(text, ["seed=2"]) == "a@seed=2")
    #expect(try folder("output: mine\n" + text, ["name=o_x"]) == "mine@name=o_x")
  }

  @Test func slashesAndLongOverridesStayOneFolderName() {
    let slash = RunFolderName.folder(output: "cat", overrides: ["dataset.path=a/b.csv"], root: root)
    #expect(slash.lastPathComponent.hasPrefix("cat@dataset.path=a_b.csv-"))
    let long = RunFolderName.folder(
      output: "cat", overrides: ["name=" + String(repeating: "x", count: 400)], root: root)
    #expect(long.lastPathComponent.utf8.count < 200)
    #expect(long.deletingLastPathComponent().path == "/tmp/results")
  }

  /// `description=a/b` and `description=a_b` both wrote `base@description=a_b`, each run moving
  /// the other to .history: a value that needed `_` ends in a hash of the value as given.
  @Test func aSanitizedValueNeverSharesAPlainOnesFolder() {
    let folder = { RunFolderName.folder(output: "base", overrides: [$0], root: root) }
    let plain = folder("description=a_b")
    #expect(plain.lastPathComponent == "base@description=a_b")
    let slash = folder("description=a/b")
    let tab = folder("description=a\tb")
    #expect(Set([plain, slash, tab]).count == 3)
    #expect(slash.lastPathComponent.hasPrefix("base@description=a_b-"))
    #expect(slash == folder("description=a/b"))
  }

  /// A 200-byte `name` (the most it may have) with overrides trained, then could not create
  /// its staging folder (ENAMETOOLONG): the name is cut to the 200 bytes every folder name may
  /// have, ending in a hash of the whole, so that `.staging-<name>-<pid>-<time>-old` fits 255.
  @Test func aLongNameWithOverridesFitsTheFolderNameLimit() {
    let name = String(repeating: "a", count: 200)
    let folder = RunFolderName.folder(
      output: name, overrides: ["optimizer.learning_rate=0.02"], root: root)
    let other = RunFolderName.folder(
      output: name, overrides: ["optimizer.learning_rate=0.03"], root: root)
    #expect(folder != other)
    #expect(folder.lastPathComponent.utf8.count <= ExperimentSpec.folderNameLimit)
    #expect(folder.lastPathComponent.contains("a@optimizer.learning_rate=0.02-"))
    #expect(folder.deletingLastPathComponent().path == "/tmp/results")
    let staging = ".staging-\(folder.lastPathComponent)-4194304-\(UInt64.max)-old"
    #expect(staging.utf8.count <= 255)
    // Counted in bytes: 150 characters of 3 bytes are 450.
    let wide = RunFolderName.folder(
      output: "m" + String(repeating: "a", count: 100),
      overrides: ["description=" + String(repeating: "中", count: 150)], root: root)
    #expect(wide.lastPathComponent.utf8.count <= ExperimentSpec.folderNameLimit)
    #expect(wide.lastPathComponent.hasPrefix("m" + String(repeating: "a", count: 100) + "@"))
    // A name that fits is as before.
    let short = RunFolderName.folder(
      output: String(repeating: "a", count: 150), overrides: ["seed=3"], root: root)
    #expect(short.lastPathComponent == String(repeating: "a", count: 150) + "@seed=3")
  }

  @Test func foldersAreRecognizedByTheirFiles() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(ResultsFolderKind.of(dir) == .missing)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    #expect(ResultsFolderKind.of(dir) == .empty)
    try "metric\n".write(
      to: dir.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
    #expect(ResultsFolderKind.of(dir) == .foreign)
    try "name: x\n".write(
      to: dir.appendingPathComponent("spec.resolved.yaml"), atomically: true, encoding: .utf8)
    #expect(ResultsFolderKind.of(dir) == .run)
    try "trial,x\n".write(
      to: dir.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
    #expect(ResultsFolderKind.of(dir) == .sweep)
  }

  /// A file where the run folder goes was met with "…or move the folder away".
  @Test func aFileInTheWayIsCalledAFile() {
    let file = FolderError.wrongKind(path: "r2/t", found: .file, command: "runner run")
    #expect(
      file.description
        == "error: r2/t is a file, not a folder; `runner run` writes only into folders it "
        + "created, so it leaves it untouched (choose another `output` or --results-dir, or move "
        + "the file away)")
    let folder = FolderError.wrongKind(path: "r2/t", found: .sweep, command: "runner run")
    #expect(
      folder.description.hasSuffix(
        "leaves this one untouched (choose another `output` or "
          + "--results-dir, or move the folder away)"))
    let into = FolderError.wrongKind(path: "c", found: .file, command: "runner compare")
    #expect(into.description.hasSuffix("(choose another --into, or move the file away)"))
  }

  @Test func trialIDsAreOnePlainFolderName() {
    #expect(FolderError.isSafeTrialID("1c2dfcba9587"))
    for bad in ["", "..", "../x", "/etc", ".hidden", "a/b", "a\\b"] {
      #expect(!FolderError.isSafeTrialID(bad), "\(bad)")
    }
  }

  @Test func anUnusableResultsRootIsRefusedNamingItAndWhy() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("file")
    try "x".write(to: file, atomically: true, encoding: .utf8)
    #expect(
      throws: FolderError.unusable(path: file.path, reason: "\(file.path) is a file, not a folder")
    ) { try ResultsParent.prepare(for: file.appendingPathComponent("cat")) }
    let below = file.appendingPathComponent("a/b")
    #expect(
      throws: FolderError.unusable(path: below.path, reason: "\(file.path) is a file, not a folder")
    ) { try ResultsParent.prepare(for: below.appendingPathComponent("cat")) }
    let proc = #expect(throws: FolderError.self) {
      try ResultsParent.prepare(for: URL(fileURLWithPath: "/proc/runner-results/cat"))
    }
    #expect(proc?.exitCode == 73)
    #expect(
      proc?.description.hasPrefix(
        "error: cannot write results in /proc/runner-results: cannot create the folder /proc/runner-results ("
      ) == true, "\(proc?.description ?? "")")
    #expect(
      proc?.description.hasSuffix(
        "choose a writable --results-dir (or `results_dir` in runner.yaml, or the spec's `output`)")
        == true)
    // `/dev` takes new folders (as root) but is no place for results: refused, nothing left.
    let dev = URL(
      fileURLWithPath: "/dev/runner-results-\(ProcessInfo.processInfo.processIdentifier)")
    #expect(
      throws: FolderError.unusable(
        path: dev.path, reason: "it is in /dev, a kernel pseudo-filesystem")
    ) { try ResultsParent.prepare(for: dev.appendingPathComponent("cat")) }
    #expect(!FileManager.default.fileExists(atPath: dev.path))
    // A folder that exists but takes no lock file is refused, not silently left unlocked.
    let lock = #expect(throws: FolderError.self) {
      try FolderLock.acquire(URL(fileURLWithPath: "/proc/cat"))
    }
    guard case .unusable(let path, _) = lock else {
      Issue.record("expected .unusable, got \(String(describing: lock))")
      return
    }
    #expect(path == "/proc")
  }

  @Test func missingFoldersOfTheRootAreCreatedAndRemovedWhenUnused() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = dir.appendingPathComponent("a/b")
    let parent = try ResultsParent.prepare(for: root.appendingPathComponent("cat"))
    var isDirectory: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory))
    #expect(isDirectory.boolValue)
    // Held locks work from the start now that the root exists.
    let lock = try FolderLock.acquire(root.appendingPathComponent("cat"))
    #expect(lock.isHeld)
    lock.release()
    #expect(OwnTemporaries.folders.contains(root.path))
    parent.removeIfUnused()
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("a").path))
    // Removed, they are no longer this process's: an interrupt later in the process (a gate's
    // next entry) never removes an empty folder someone else makes there meanwhile (review 6).
    #expect(!OwnTemporaries.folders.contains(root.path))
    #expect(!OwnTemporaries.folders.contains(dir.appendingPathComponent("a").path))
    // A folder something was written into stays.
    let again = try ResultsParent.prepare(for: root.appendingPathComponent("cat"))
    try "x".write(to: root.appendingPathComponent("kept"), atomically: true, encoding: .utf8)
    again.removeIfUnused()
    #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("kept").path))
    #expect(!OwnTemporaries.folders.contains(root.path))
    // An existing root creates nothing to remove.
    #expect(try ResultsParent.prepare(for: root.appendingPathComponent("cat")).created.isEmpty)
  }

  @Test func aRunIntoAFileIsRefusedBeforeItsDataIsRead() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("results")
    try "x".write(to: file, atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      """
      name: unread
      dataset: {file: nowhere.csv, target: y, split: {train: 0.8, test: 0.2}}
      model: {type: linreg}
      loss: mse
      optimizer: {type: gd, learning_rate: 0.1, iterations: 10}
      """, in: dir)
    let error = #expect(throws: PipelineError.self) {
      try TestProject.run(spec, resultsRoot: file)
    }
    #expect(error?.exitCode == 73)
    #expect(
      error?.description.hasPrefix(
        "error: cannot write results in \(file.path): \(file.path) is a file, not a folder;")
        == true, "\(error?.description ?? "")")
  }

  /// Writes a run folder holding `spec` (and a summary) plus `extra` files, each holding its
  /// name unless `texts` gives it; a `summary.json` among them is the one `runner export dvc`
  /// writes from the summary.
  static func runFolder(
    _ url: URL, spec: String, extra: [String] = [], texts given: [String: String] = [:]
  ) throws {
    let texts = [
      "spec.resolved.yaml": spec, "summary.csv": "train_loss\n0.5\n",
      "summary.json": "{\"train_loss\":0.5}\n",
    ].merging(given) { $1 }
    for name in ["spec.resolved.yaml", "summary.csv", "plots/loss.svg"] + extra {
      let file = url.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try (texts[name] ?? name).write(to: file, atomically: true, encoding: .utf8)
    }
  }

  @Test func aRerunKeepsFilesTheRunnerDidNotWriteInHistory() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let current = dir.appendingPathComponent("cat")
    try Self.runFolder(current, spec: "name: cat\n")
    // The same spec and only the runner's files (an export's included): simply replaced.
    let plain = dir.appendingPathComponent(".staging-cat-1-old")
    try Self.runFolder(
      plain, spec: "name: cat\n",
      extra: ["summary.json", "events.out.tfevents.17.runner", "plots/.loss.svg.tmp-1-x"])
    #expect(RunLeftovers.retire(plain, replacedBy: current) == nil)
    #expect(!FileManager.default.fileExists(atPath: plain.path))
    // The same spec with the user's notes: kept whole in history, the notes named.
    let noted = dir.appendingPathComponent(".staging-cat-2-old")
    try Self.runFolder(
      noted, spec: "name: cat\n", extra: ["my-notes.md", "mine/a.txt", "plots/mine.svg"])
    let note = try #require(RunLeftovers.retire(noted, replacedBy: current))
    let history = RunLeftovers.historyFolder(of: current)
    let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: history.path).first)
    #expect(
      note == "note: the previous run in \(current.path) held files this run does not write "
        + "(mine, my-notes.md, plots/mine.svg); it is kept in \(history.path)/\(kept)")
    #expect(
      try String(
        contentsOf: history.appendingPathComponent(kept).appendingPathComponent("my-notes.md"),
        encoding: .utf8) == "my-notes.md")
    // A different spec with notes says both; a sweep's trial folder (no history) is replaced
    // whatever its spec, unless it holds a user's files: those are kept too.
    let both = dir.appendingPathComponent(".staging-cat-3-old")
    try Self.runFolder(both, spec: "name: dog\n", extra: ["my-notes.md"])
    #expect(
      RunLeftovers.retire(both, replacedBy: current)?.contains(
        "had a different spec and held files this run does not write (my-notes.md)") == true)
    let trial = dir.appendingPathComponent(".staging-cat-4-old")
    try Self.runFolder(trial, spec: "name: dog\n")
    #expect(RunLeftovers.retire(trial, replacedBy: current, keepHistory: false) == nil)
    #expect(!FileManager.default.fileExists(atPath: trial.path))
    let notedTrial = dir.appendingPathComponent(".staging-cat-5-old")
    try Self.runFolder(notedTrial, spec: "name: dog\n", extra: ["my-notes.md"])
    #expect(
      RunLeftovers.retire(notedTrial, replacedBy: current, keepHistory: false)?.contains(
        "previous run in \(current.path) held files this run does not write (my-notes.md)") == true)
  }

  /// A run folder that was a link to one elsewhere (a scratch disk) is replaced by a local
  /// folder; the link is kept in history, pointing at the same folder, and said; the folder it
  /// names is left whole (notes, event files and all).
  @Test func aRunFolderThatWasALinkIsKeptAsOneAndSaid() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    let current = dir.appendingPathComponent("results/t")
    try Self.runFolder(current, spec: "name: t\n")
    let scratch = dir.appendingPathComponent("scratch/t-real")
    try Self.runFolder(
      scratch, spec: "name: t\n", extra: ["NOTE.md", "events.out.tfevents.17.runner"])
    let history = RunLeftovers.historyFolder(of: current)
    for (i, written) in ["../scratch/t-real", scratch.path].enumerated() {
      let old = dir.appendingPathComponent("results/.staging-t-\(i)-old")
      try fm.createSymbolicLink(atPath: old.path, withDestinationPath: written)
      let note = try #require(RunLeftovers.retire(old, replacedBy: current))
      let kept = try #require(try fm.contentsOfDirectory(atPath: history.path).sorted().last)
      let keptLink = history.appendingPathComponent(kept).path
      #expect(
        note == "note: \(current.path) was a symbolic link to \(written); this run is in a "
          + "folder there instead, and the folder the link names is left as it is; it is kept "
          + "in \(keptLink)")
      #expect(PathEntry.linkTarget(keptLink) == scratch.standardizedFileURL.path)
      #expect(PathEntry.linkTarget(old.path) == nil && !fm.fileExists(atPath: old.path))
      #expect(
        try fm.contentsOfDirectory(atPath: scratch.path).sorted() == [
          "NOTE.md", "events.out.tfevents.17.runner", "plots", "spec.resolved.yaml", "summary.csv",
        ])
    }
  }

  /// DVC's `.gitignore` in a run folder moves into the rerun's folder instead of keeping the
  /// earlier run in history at every `dvc repro`; a run kept in history loses the runner's
  /// TensorBoard event files (TensorBoard reads hidden folders and would list it).
  @Test func aToolsGitignoreStaysAndHistoryHoldsNoEventFiles() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let current = dir.appendingPathComponent("moons")
    try Self.runFolder(current, spec: "name: moons\n")
    let old = dir.appendingPathComponent(".staging-moons-1-old")
    try Self.runFolder(
      old, spec: "name: moons\n", extra: [".gitignore"], texts: [".gitignore": "/params\n"])
    #expect(RunLeftovers.retire(old, replacedBy: current) == nil)
    #expect(
      try String(contentsOf: current.appendingPathComponent(".gitignore"), encoding: .utf8)
        == "/params\n")
    let noted = dir.appendingPathComponent(".staging-moons-2-old")
    try Self.runFolder(
      noted, spec: "name: moons\n", extra: ["my-notes.md", "events.out.tfevents.17.runner"])
    #expect(RunLeftovers.retire(noted, replacedBy: current) != nil)
    let history = RunLeftovers.historyFolder(of: current)
    let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: history.path).first)
    let files = try FileManager.default.contentsOfDirectory(
      atPath: history.appendingPathComponent(kept).path)
    #expect(files.contains("my-notes.md") && !files.contains("events.out.tfevents.17.runner"))
  }

  /// An earlier run's copy that cannot be removed (another user's, or immutable) is said, not
  /// left silently beside the results.
  @Test func aLeftoverThatCannotBeRemovedIsSaid() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let current = dir.appendingPathComponent("cat")
    try Self.runFolder(current, spec: "name: cat\n")
    let old = dir.appendingPathComponent(".staging-cat-1-old")
    try Self.runFolder(old, spec: "name: cat\n")
    let locked = old.appendingPathComponent("summary.csv").path
    func chattr(_ flag: String) throws -> Int32 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
      process.arguments = [flag, locked]
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      return process.terminationStatus
    }
    // Where the file system cannot make a file immutable, there is nothing to check.
    guard FileManager.default.fileExists(atPath: "/usr/bin/chattr"), try chattr("+i") == 0 else {
      return
    }
    defer { _ = try? chattr("-i") }
    let note = try #require(RunLeftovers.retire(old, replacedBy: current))
    #expect(
      note.hasPrefix("note: \(old.path), a leftover copy of the run in \(current.path), could not"))
    #expect(note.hasSuffix("; remove it by hand"))
  }

  /// A file the runner wrote and the user then edited (a paragraph added to `report.md`) is
  /// theirs too: the same spec's rerun keeps the earlier run in history, naming it. The timing
  /// files, which differ on every run, do not count; a sweep's trial is replaced as before.
  @Test func aRerunKeepsAnEditedRunnerFileInHistory() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let current = dir.appendingPathComponent("cat")
    try Self.runFolder(current, spec: "name: cat\n", extra: ["report.md", "timings.csv"])
    let timed = dir.appendingPathComponent(".staging-cat-1-old")
    try Self.runFolder(
      timed, spec: "name: cat\n", extra: ["report.md", "timings.csv"],
      texts: ["timings.csv": "phase,seconds\ntrain,0.5\n"])
    #expect(RunLeftovers.retire(timed, replacedBy: current) == nil)
    let edited = dir.appendingPathComponent(".staging-cat-2-old")
    try Self.runFolder(
      edited, spec: "name: cat\n", extra: ["report.md"],
      texts: ["report.md": "report.md\n## My analysis\n"])
    let note = try #require(RunLeftovers.retire(edited, replacedBy: current))
    let history = RunLeftovers.historyFolder(of: current)
    let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: history.path).first)
    #expect(
      note == "note: the previous run in \(current.path) held files that differ from this run's "
        + "(report.md): edited, or made from other data, by another runner version or in "
        + "another numeric environment; "
        + "it is kept in \(history.path)/\(kept)")
    #expect(
      try String(
        contentsOf: history.appendingPathComponent(kept).appendingPathComponent("report.md"),
        encoding: .utf8
      ).contains("My analysis"))
    let trial = dir.appendingPathComponent(".staging-cat-3-old")
    try Self.runFolder(
      trial, spec: "name: cat\n", extra: ["report.md"], texts: ["report.md": "edited"])
    #expect(RunLeftovers.retire(trial, replacedBy: current, keepHistory: false) == nil)
  }
}
