import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// `runner ls` and `runner compare` over real results folders (copies of results/baseline/).
@Suite("Listing and comparing runs on disk")
struct ResultsIndexTests {
  static let baseline = TestProject.root.appendingPathComponent("results/baseline")

  /// A results folder holding cat, xor-mlp-sigmoid and sine-mlp-huber, the baseline's grid
  /// sweep, a `.history/` entry, a staging folder and a foreign folder with a run inside.
  static func results() throws -> URL {
    let root = TestProject.temporaryDirectory()
    let fm = FileManager.default
    for name in ["cat", "xor-mlp-sigmoid", "sine-mlp-huber", "moons-mlp-grid-sweep"] {
      try fm.copyItem(
        at: baseline.appendingPathComponent(name), to: root.appendingPathComponent(name))
    }
    try fm.createDirectory(
      at: root.appendingPathComponent(".history/cat"), withIntermediateDirectories: true)
    try fm.copyItem(
      at: baseline.appendingPathComponent("cat"),
      to: root.appendingPathComponent(".history/cat/2026-11-29T10-00-00Z"))
    try fm.createDirectory(
      at: root.appendingPathComponent(".staging-cat-1-2"), withIntermediateDirectories: true)
    try fm.createDirectory(
      at: root.appendingPathComponent("archive/old"), withIntermediateDirectories: true)
    try fm.copyItem(
      at: baseline.appendingPathComponent("xor-mlp-sigmoid"),
      to: root.appendingPathComponent("archive/old/xor"))
    try "notes".write(
      to: root.appendingPathComponent("archive/notes.txt"), atomically: true, encoding: .utf8)
    return root
  }

  @Test("runs, sweep trials and nested runs are found; hidden folders only with history")
  func finds() throws {
    let root = try Self.results()
    let runs = ResultsIndex.runs(under: root)
    #expect(runs.count == 4 + 12)
    #expect(runs.first?.name == "archive/old/xor")
    #expect(runs.filter { $0.kind == .trial }.count == 12)
    #expect(runs.contains { $0.name == "moons-mlp-grid-sweep/8f7dfd590681" && $0.status == "ok" })
    let withHistory = ResultsIndex.runs(under: root, history: true)
    #expect(withHistory.count == runs.count + 1)
    #expect(withHistory.last?.name == ".history/cat/2026-11-29T10-00-00Z")
    #expect(withHistory.last?.kind == .history)
    // A sweep folder itself lists its trials.
    #expect(
      ResultsIndex.runs(under: root.appendingPathComponent("moons-mlp-grid-sweep")).count == 12)
  }

  /// A changed key that is not swept changes every trial ID; the earlier version's complete
  /// trial folders stay in the sweep folder, out of its plan.csv and summary.csv.
  @Test(
    "ls lists a sweep's trials of an earlier spec version, marked, with a note; export does not")
  func earlierTrials() throws {
    let root = try Self.results()
    let sweep = root.appendingPathComponent("moons-mlp-grid-sweep")
    for id in ["0000000000aa", "0000000000bb"] {
      try FileManager.default.copyItem(
        at: sweep.appendingPathComponent("8f7dfd590681"), to: sweep.appendingPathComponent(id))
    }
    let runs = ResultsIndex.runs(under: root)
    #expect(runs.count == 4 + 12 + 2)
    let earlier = runs.filter { $0.kind == .earlier }
    #expect(
      earlier.map(\.name) == [
        "moons-mlp-grid-sweep/0000000000aa", "moons-mlp-grid-sweep/0000000000bb",
      ])
    #expect(earlier.allSatisfy { $0.status == "ok (earlier)" })
    #expect(ResultsIndex.runs(under: sweep).filter { $0.kind == .earlier }.count == 2)
    // Exports and comparisons take the sweep's own trials only.
    #expect(ResultsIndex.found(under: root).count == 4 + 12)
    let listing = RunListing(runs: runs)
    #expect(
      try listing.filtered([RunFilter(parsing: "kind!=earlier")]).runs.count == 4 + 12)
    #expect(
      listing.earlierTrialNotes(root: "results/", rootPath: root.standardizedFileURL.path) == [
        "note: 2 trial folders in results/moons-mlp-grid-sweep are from an earlier version of its "
          + "spec (status '… (earlier)', left out of its summary.csv): --where kind!=earlier hides "
          + "them; delete the folders to remove them, or keep them to diff against (running that "
          + "version again reuses them)"
      ])
    #expect(
      RunListing(runs: ResultsIndex.runs(under: sweep)).earlierTrialNotes(
        root: "r/sw", rootPath: sweep.standardizedFileURL.path
      ).first?.contains(" in r/sw are ") == true)
  }

  @Test("links to folders are not followed: each run once, nothing outside the root")
  func linksAreNotFollowed() throws {
    let root = try Self.results()
    let outside = TestProject.temporaryDirectory()
    let fm = FileManager.default
    try fm.copyItem(
      at: Self.baseline.appendingPathComponent("cat"), to: outside.appendingPathComponent("team"))
    let links = [("shared", outside.path), ("loop", ".."), ("again", "."), ("cat2", "cat")]
    for (name, target) in links {
      try fm.createSymbolicLink(
        atPath: root.appendingPathComponent(name).path, withDestinationPath: target)
    }
    // A link inside a run folder back to its parent adds no file either.
    try fm.createSymbolicLink(
      atPath: root.appendingPathComponent("cat/up").path, withDestinationPath: "..")
    let runs = ResultsIndex.runs(under: root)
    #expect(runs.count == 4 + 12)
    #expect(Set(runs.map(\.path)).count == runs.count)
    #expect(!runs.contains { $0.path.hasPrefix(outside.path) || $0.name.hasPrefix("shared") })
    let files = try #require(ResultsFile.visibleFiles(below: root.appendingPathComponent("cat")))
    #expect(!files.contains { $0.hasPrefix("up/") })
    #expect(files.contains("summary.csv"))
    // A root named through a link is followed: the user named it.
    #expect(ResultsIndex.runs(under: root.appendingPathComponent("shared")).map(\.name) == ["team"])
    #expect(throws: FolderError.self) {
      try ResultsIndex.check(root: URL(fileURLWithPath: "/proc"))
    }
    #expect(SystemFolder.reason("/proc/self/status") != nil)
    #expect(SystemFolder.reason("/dev/null") != nil)
    #expect(SystemFolder.reason("/dev/shm/results") == nil)
    #expect(SystemFolder.reason(root.path) == nil)
  }

  /// A folder name that is not UTF-8 (`mv` with a Latin-1 name) cannot be a path of the
  /// runner's, so `ls` skipped the run in it without a word (session 36). It is listed, its
  /// name escaped, with a problem that says so; a folder holding no results is not.
  @Test("a run in a folder whose name is not UTF-8 is listed, escaped, with a problem")
  func notUTF8FolderNames() throws {
    let root = try Self.results()
    defer { try? FileManager.default.removeItem(at: root) }
    func move(_ from: String, to bytes: [UInt8]) {
      let target = Array(root.path.utf8) + [UInt8(ascii: "/")] + bytes + [0]
      let done = target.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) {
          rename(root.appendingPathComponent(from).path, $0.baseAddress!)
        }
      }
      #expect(done == 0)
    }
    let (latin1, notes) = (Array("caf".utf8) + [0xE9], Array("not".utf8) + [0xFF, 0x41])
    // A run, a folder of folders holding a run, a folder of notes.
    move("cat", to: latin1)
    move("archive", to: Array("arch".utf8) + [0xEF])
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("notes"), withIntermediateDirectories: false)
    try "x".write(
      to: root.appendingPathComponent("notes/a.txt"), atomically: true, encoding: .utf8)
    move("notes", to: notes)
    let runs = ResultsIndex.runs(under: root)
    let escaped = runs.filter { !$0.problems.isEmpty }
    #expect(escaped.map(\.name).sorted() == ["arch\\xEF", "caf\\xE9"])
    for run in escaped {
      #expect(run.problems.count == 1)
      #expect(run.problems[0].contains("not valid UTF-8"), "\(run.problems)")
      #expect(run.metrics.isEmpty && run.parameters.isEmpty)
    }
    // Every other run as before: the cat run and the archived one are the escaped rows.
    #expect(runs.count == 4 + 12 - 2 + 2)
    #expect(!runs.contains { $0.name.contains("\u{FFFD}") || $0.name.hasPrefix("not") })
  }

  @Test("a run's row: description, start time, flattened parameters, final figures")
  func reads() throws {
    let root = try Self.results()
    let cat = try #require(ResultsIndex.runs(under: root).first { $0.name == "cat" })
    #expect(
      cat.description == "Cat vs non-cat logistic regression, as in the deeplearning.ai course")
    // The start time is the one its environment record holds (re-recording the baseline moves it).
    let environment = try String(
      contentsOf: root.appendingPathComponent("cat/environment.csv"), encoding: .utf8)
    let started = environment.split(separator: "\n").first { $0.hasPrefix("started_at,") }
    #expect(started == "started_at," + cat.when[...], "\(cat.when)")
    #expect(cat.when.hasPrefix("20"))
    #expect(cat.parameter("optimizer.learning_rate") == "0.005")
    #expect(cat.parameter("dataset.train.features") == "[train_set_x]")
    #expect(cat.parameter("name") == nil)
    #expect(cat.metric("test_accuracy") == "0.7")
    #expect(cat.metric("model.type") == nil)
    #expect(cat.metrics.map(\.name).prefix(2) == ["train_loss", "test_loss"])
    let trial = try #require(
      ResultsIndex.runs(under: root).first { $0.name == "moons-mlp-grid-sweep/8f7dfd590681" })
    #expect(trial.parameter("seed") == "9688954508269481049")  // exactly, no e+18
    #expect(trial.parameter("model.layers[0].units") == "16")
  }

  /// A diverged run (no final figures) is listed with status `diverged`, not blank cells alone.
  @Test("a diverged run's status says so")
  func aDivergedRunsStatusSaysSo() throws {
    let root = try Self.results()
    let summary = root.appendingPathComponent("xor-mlp-sigmoid/summary.csv")
    let table = try CSVTable(contentsOf: summary)
    let column = try #require(table.columnIndex("stop_reason"))
    var row = table.rows[0]
    row[column] = "training diverged at iteration 5: the loss became NaN"
    try CSVTable(header: table.header, rows: [row]).rendered.write(
      to: summary, atomically: true, encoding: .utf8)
    let runs = ResultsIndex.runs(under: root)
    #expect(runs.first { $0.name == "xor-mlp-sigmoid" }?.status == "diverged")
    #expect(runs.first { $0.name == "cat" }?.status == "")
  }

  /// `ls --format json` keeps a spec's booleans: `true`, not `"true"`; numbers are numbers.
  @Test("ls JSON gives a spec's booleans as booleans")
  func jsonKeepsTheSpecsTypes() throws {
    let root = try Self.results()
    let listing = RunListing(runs: ResultsIndex.runs(under: root).filter { $0.name == "cat" })
    let text = listing.json(root: root.path).rendered
    #expect(text.contains("\"report.plots\":true"))
    #expect(text.contains("\"optimizer.learning_rate\":0.005"))
    #expect(text.contains("\"model.type\":\"logreg\""))
  }

  @Test("3 runs and a sweep sorted by a metric; the swept parameters are among the columns")
  func sortsAcrossRunsAndTrials() throws {
    let root = try Self.results()
    let listing = try RunListing(runs: ResultsIndex.runs(under: root))
      .filtered([RunFilter(parsing: "name!~archive")])
      .sorted(by: "test_accuracy", descending: true)
    #expect(listing.runs.count == 15)
    let accuracies = listing.runs.compactMap { $0.metric("test_accuracy") }.compactMap(Double.init)
    #expect(accuracies == accuracies.sorted(by: >))
    #expect(listing.parameterColumns.contains("optimizer.learning_rate"))
    #expect(listing.parameterColumns.contains("model.layers[0].units"))
    #expect(!listing.parameterColumns.contains("threads"))
    #expect(listing.columns.contains("description"))
  }

  @Test("compare writes the page, CSVs and plots; refuses a folder it did not write")
  func compares() throws {
    let root = try Self.results()
    let entries = try RunComparer.entries(
      ["cat", "xor-mlp-sigmoid", root.appendingPathComponent("sine-mlp-huber").path], root: root)
    let comparison = RunComparison(entries)
    let out = root.appendingPathComponent("compare")
    let written = try RunComparer.write(comparison, into: out) { _ in }
    #expect(
      written.prefix(4) == [
        "compare.html", "compare_parameters.csv", "compare_metrics.csv", "compare_curves.csv",
      ])
    let html = try String(contentsOf: out.appendingPathComponent("compare.html"), encoding: .utf8)
    #expect(html.contains("Cat vs non-cat logistic regression"))
    #expect(written.contains("plots/compare_train_loss.svg"))
    // Written again with fewer curves: its stale chart goes, a file of the user's named like a
    // chart stays, and ls skips the folder.
    let fm = FileManager.default
    let mine = out.appendingPathComponent("plots/compare_mychart.svg")
    try "mine".write(to: mine, atomically: true, encoding: .utf8)
    let fewer = RunComparison(Array(entries.prefix(2)))
    try RunComparer.write(fewer, into: out) { _ in }
    #expect(!fm.fileExists(atPath: out.appendingPathComponent("plots/compare_dev_mse.svg").path))
    #expect(fm.fileExists(atPath: out.appendingPathComponent("plots/compare_train_loss.svg").path))
    #expect(try String(contentsOf: mine, encoding: .utf8) == "mine")
    try RunComparer.write(fewer, into: out) { _ in }
    #expect(try String(contentsOf: mine, encoding: .utf8) == "mine")
    // A file of the user's where a new chart goes is refused (73), nothing written.
    let theirs = out.appendingPathComponent("plots/compare_dev_mse.svg")
    try "theirs".write(to: theirs, atomically: true, encoding: .utf8)
    let page = out.appendingPathComponent(RunComparison.htmlFile)
    let before = try Data(contentsOf: page)
    let refused = #expect(throws: CompareError.self) {
      try RunComparer.write(comparison, into: out) { _ in }
    }
    #expect(refused == .foreignFile(path: theirs.path))
    #expect(refused?.exitCode == .cannotCreate)
    #expect(try String(contentsOf: theirs, encoding: .utf8) == "theirs")
    #expect(try Data(contentsOf: page) == before)
    #expect(!ResultsIndex.runs(under: root).contains { $0.name.hasPrefix("compare") })
    #expect(throws: CompareError.self) {
      try RunComparer.write(comparison, into: root.appendingPathComponent("archive")) { _ in }
    }
    // A folder of yours holding a page named compare.html is no earlier comparison's: refused,
    // as it is, not adopted with its page moved to a `.history` made beside it (tester BU-5).
    let yours = root.appendingPathComponent("notes")
    try fm.createDirectory(at: yours, withIntermediateDirectories: true)
    try "mine".write(
      to: yours.appendingPathComponent(RunComparison.htmlFile), atomically: true, encoding: .utf8)
    #expect(throws: CompareError.self) {
      try RunComparer.write(comparison, into: yours) { _ in }
    }
    #expect(try fm.contentsOfDirectory(atPath: yours.path) == [RunComparison.htmlFile])
    #expect(!fm.fileExists(atPath: root.appendingPathComponent(".history/notes").path))
    // A comparison written before its record was kept (its page and tables) is still its own.
    try fm.removeItem(at: out.appendingPathComponent(".runner-written.sha256"))
    try fm.removeItem(at: theirs)
    try RunComparer.write(comparison, into: out) { _ in }
    #expect(throws: CompareError.notFound("nope", root: root.path)) {
      try RunComparer.entries(["cat", "nope"], root: root)
    }
    #expect(throws: CompareError.tooFew) { try RunComparer.entries(["cat"], root: root) }
    // A sweep's folder stands for its finished trials (it was refused as not a run).
    let trials = try RunComparer.entries(["moons-mlp-grid-sweep"], root: root).map(\.run.name)
    #expect(trials.count == 12)
    #expect(trials.allSatisfy { $0.hasPrefix("moons-mlp-grid-sweep/") })
    #expect(try RunComparer.entries(["cat", "moons-mlp-grid-sweep"], root: root).count == 13)
    #expect(throws: CompareError.notARun("archive")) {
      try RunComparer.entries(["cat", "archive"], root: root)
    }
    // A run's folder that lost its summary.csv is said so, not taken for a user's folder.
    let broken = root.appendingPathComponent("broken")
    try fm.copyItem(at: root.appendingPathComponent("cat"), to: broken)
    try fm.removeItem(at: broken.appendingPathComponent("summary.csv"))
    let lacks = "it has spec.resolved.yaml but no summary.csv"
    #expect(
      throws: CompareError.unreadable(
        "broken", lacks + ", which a run's folder holds both of: deleted or lost? rerun its spec")
    ) { try RunComparer.entries(["cat", "broken"], root: root) }
    let report = FolderError.wrongKind(path: broken.path, found: .foreign, command: "runner report")
    #expect(
      report.description.hasPrefix(
        "error: \(broken.path) is a folder the runner did not write (\(lacks), "))
  }

  @Test("compare labels a sweep's trials by their swept values; other runs by their names")
  func comparesSweepBySweptValues() throws {
    let root = try Self.results()
    let comparison = RunComparison(
      try RunComparer.entries(["moons-mlp-grid-sweep", "cat"], root: root))
    // plan.csv's first trial (16bbb8793899) and its order of the swept keys.
    let first = "learning_rate=0.01, units=32"
    #expect(comparison.labels.count == 13)
    #expect(comparison.labels.first == first)
    #expect(comparison.labels.last == "cat")
    #expect(comparison.labels.dropLast().allSatisfy { $0.hasPrefix("learning_rate=") })
    #expect(Set(comparison.labels).count == 13)
    let out = root.appendingPathComponent("compare")
    try RunComparer.write(comparison, into: out) { _ in }
    let parameters = try CSVTable(contentsOf: out.appendingPathComponent("compare_parameters.csv"))
    #expect(parameters.header.prefix(3) == ["parameter", "differs", first])
    let curves = try CSVTable(contentsOf: out.appendingPathComponent("compare_curves.csv"))
    #expect(curves.rows.first?.first == first)
    let chart = try String(
      contentsOf: out.appendingPathComponent("plots/compare_train_loss.svg"), encoding: .utf8)
    #expect(chart.contains(">\(first)</text>"))
    // Runs that are not trials keep their names.
    let plain = RunComparison(try RunComparer.entries(["cat", "xor-mlp-sigmoid"], root: root))
    #expect(plain.labels == ["cat", "xor-mlp-sigmoid"])
    // Another sweep (a fixed key changed, so other IDs) with a trial of the same swept values:
    // both get their trial IDs.
    let fm = FileManager.default
    let other = root.appendingPathComponent("other-sweep")
    try fm.copyItem(at: root.appendingPathComponent("moons-mlp-grid-sweep"), to: other)
    try fm.moveItem(
      at: other.appendingPathComponent("16bbb8793899"),
      to: other.appendingPathComponent("0123456789ab"))
    let plan = other.appendingPathComponent("plan.csv")
    try String(contentsOf: plan, encoding: .utf8)
      .replacingOccurrences(of: "16bbb8793899", with: "0123456789ab")
      .write(to: plan, atomically: true, encoding: .utf8)
    let shared = RunComparison(
      try RunComparer.entries(
        ["moons-mlp-grid-sweep/16bbb8793899", "other-sweep/0123456789ab", "cat"], root: root))
    #expect(shared.labels == ["\(first) (16bbb8793899)", "\(first) (0123456789ab)", "cat"])
    // A trial folder its plan does not list is labelled by its path.
    try fm.moveItem(
      at: other.appendingPathComponent("0123456789ab"),
      to: other.appendingPathComponent("fedcba987654"))
    let unplanned = RunComparison(
      try RunComparer.entries(["other-sweep/fedcba987654", "cat"], root: root))
    #expect(unplanned.labels == ["other-sweep/fedcba987654", "cat"])
  }
}
