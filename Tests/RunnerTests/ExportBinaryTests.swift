import Foundation
import Testing

/// `runner export` on the built binary: files in the run folders, and exit statuses with one
/// clear line for what cannot be exported.
struct ExportBinaryTests {
  /// A copy of the committed `results/baseline/cat` run in a fresh results folder.
  func copiedCat() throws -> URL {
    let root = SweepBinary.temporaryDirectory()
    try FileManager.default.copyItem(
      at: SweepBinary.root.appendingPathComponent("results/baseline/cat"),
      to: root.appendingPathComponent("cat"))
    return root
  }

  @Test func tensorboardAndDVCWriteIntoEachRunFolder() throws {
    let root = try copiedCat()
    defer { try? FileManager.default.removeItem(at: root) }
    let tensorboard = try SweepBinary.run(["export", "tensorboard", root.path])
    #expect(tensorboard.status == 0, "\(tensorboard.error)")
    let names = try FileManager.default.contentsOfDirectory(
      atPath: root.appendingPathComponent("cat").path)
    #expect(names.contains { $0.hasPrefix("events.out.tfevents.") && $0.hasSuffix(".runner") })
    let dvc = try SweepBinary.run(["export", "dvc", root.appendingPathComponent("cat").path])
    #expect(dvc.status == 0, "\(dvc.error)")
    let json = try String(
      contentsOf: root.appendingPathComponent("cat/summary.json"), encoding: .utf8)
    #expect(json.hasPrefix("{\"train_loss\":0.13560807525911955,"))
    #expect(json.hasSuffix(",\"iterations\":2000}\n"), "\(json)")
  }

  /// README's `runner export tensorboard results`, in a project whose `results/` holds the
  /// gate's committed baselines beside the learner's run: only the learner's run gets an event
  /// file, and a note says what was left out (AN2: every baseline folder got one, untracked in
  /// the checkout, then committed by `git add -A`).
  @Test func exportingTheResultsFolderLeavesTheGatesBaselinesAlone() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let baselines = results.appendingPathComponent("baseline")
    try FileManager.default.createDirectory(at: baselines, withIntermediateDirectories: true)
    let committed = SweepBinary.root.appendingPathComponent("results/baseline")
    for name in ["cat", "gate.csv"] {
      try FileManager.default.copyItem(
        at: committed.appendingPathComponent(name), to: baselines.appendingPathComponent(name))
    }
    try FileManager.default.copyItem(
      at: committed.appendingPathComponent("cat"), to: results.appendingPathComponent("cat"))
    let before = SweepBinary.contents(of: baselines)
    let exported = try SweepBinary.run(["export", "tensorboard", "results"], in: root)
    #expect(exported.status == 0, "\(exported.error)")
    #expect(
      exported.error
        == "note: left out the regression gate's baselines (results/baseline, beside gate.csv): "
        + "reference results, exported only when named (nothing is written in them: "
        + "TensorBoard with a --logdir outside them, DVC from a copy)\n")
    #expect(SweepBinary.contents(of: baselines) == before)
    let mine = try FileManager.default.contentsOfDirectory(
      atPath: results.appendingPathComponent("cat").path)
    #expect(mine.contains { $0.hasPrefix("events.out.tfevents.") })

    try FileManager.default.removeItem(at: results.appendingPathComponent("cat"))
    let only = try SweepBinary.run(["export", "dvc"], in: root)
    #expect(only.status == 66, "\(only.error)")
    #expect(only.error.contains("name that folder to export its runs"), "\(only.error)")
    #expect(SweepBinary.contents(of: baselines) == before)
  }

  /// Two runs named `cat` (from different folders) under one `--logdir` would replace each
  /// other's event file: refused before anything is written.
  @Test func twoRunsOfOneNameUnderOneLogdirAreRefused() throws {
    let first = try copiedCat()
    let second = try copiedCat()
    let logdir = SweepBinary.temporaryDirectory()
    defer {
      for url in [first, second, logdir] { try? FileManager.default.removeItem(at: url) }
    }
    let result = try SweepBinary.run([
      "export", "tensorboard", "--logdir", logdir.path,
      first.appendingPathComponent("cat").path, second.appendingPathComponent("cat").path,
    ])
    #expect(result.status == 64, "\(result.error)")
    #expect(result.error.contains("2 runs are named 'cat'"))
    #expect(!FileManager.default.fileExists(atPath: logdir.appendingPathComponent("cat").path))
  }

  /// A `--logdir` run folder already holding another writer's event file (a training script's
  /// TensorBoard log): TensorBoard would mix its scalars into the exported run, so the export
  /// is refused before anything is written and the file is left as it was.
  @Test func anotherWritersEventFilesAreRefused() throws {
    let root = try copiedCat()
    let logdir = SweepBinary.temporaryDirectory()
    defer { for url in [root, logdir] { try? FileManager.default.removeItem(at: url) } }
    let folder = logdir.appendingPathComponent("cat")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let theirs = folder.appendingPathComponent("events.out.tfevents.1700000000.host.1.0")
    try Data([1, 2, 3]).write(to: theirs)
    let result = try SweepBinary.run([
      "export", "tensorboard", "--logdir", logdir.path, root.appendingPathComponent("cat").path,
    ])
    #expect(result.status == 73, "\(result.error)")
    #expect(result.error.contains("\(theirs.path) is an event file `runner export` did not write"))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path) == [theirs.lastPathComponent]
    )
    #expect(try Data(contentsOf: theirs) == Data([1, 2, 3]))
  }

  /// `--logdir` naming a file: said so (it gave the system's "Not a directory" with advice
  /// about free space, tester BB), and the file is left as it was.
  @Test func aLogdirThatIsAFileIsSaidToBeOne() throws {
    let root = try copiedCat()
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("afile")
    try Data("mine\n".utf8).write(to: file)
    for logdir in [file, file.appendingPathComponent("inner")] {
      let result = try SweepBinary.run([
        "export", "tensorboard", "--logdir", logdir.path, root.appendingPathComponent("cat").path,
      ])
      #expect(result.status == 73, "\(result.error)")
      #expect(
        result.error.contains(
          "cannot write \(logdir.appendingPathComponent("cat").path): \(file.path) is a file, "
            + "not a folder (give --logdir a folder"), "\(result.error)")
      #expect(!result.error.contains("free some space"), "\(result.error)")
    }
    #expect(try Data(contentsOf: file) == Data("mine\n".utf8))
  }

  /// A user's `summary.json` in one of the run folders: refused before any run's is written.
  @Test func aUsersSummaryJSONIsRefusedBeforeAnythingIsWritten() throws {
    let root = try copiedCat()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.copyItem(
      at: root.appendingPathComponent("cat"), to: root.appendingPathComponent("dog"))
    let theirs = root.appendingPathComponent("dog/summary.json")
    try Data("{\"mine\":1}\n".utf8).write(to: theirs)
    let result = try SweepBinary.run(["export", "dvc", root.path])
    #expect(result.status == 73, "\(result.error)")
    #expect(result.error.contains("\(theirs.path) was not written by `runner export`"))
    #expect(
      !FileManager.default.fileExists(atPath: root.appendingPathComponent("cat/summary.json").path))
    #expect(try String(contentsOf: theirs, encoding: .utf8) == "{\"mine\":1}\n")
  }

  /// Links inside the folder named (to another team's folder, back to the parent, to itself)
  /// are not followed: each run is exported and listed once, and nothing outside is written.
  @Test func linksOutOfTheResultsFolderAreNotFollowed() throws {
    let top = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: top) }
    let fm = FileManager.default
    let results = top.appendingPathComponent("results")
    let cat = SweepBinary.root.appendingPathComponent("results/baseline/cat")
    try fm.createDirectory(at: results, withIntermediateDirectories: true)
    try fm.createDirectory(
      at: top.appendingPathComponent("other"), withIntermediateDirectories: true)
    try fm.copyItem(at: cat, to: results.appendingPathComponent("cat"))
    try fm.copyItem(at: cat, to: top.appendingPathComponent("other/teamrun"))
    for (name, target) in [("shared", "../other"), ("loop", ".."), ("self", ".")] {
      try fm.createSymbolicLink(
        atPath: results.appendingPathComponent(name).path, withDestinationPath: target)
    }
    let exported = try SweepBinary.run(["export", "tensorboard", results.path])
    #expect(exported.status == 0, "\(exported.error)")
    #expect(exported.output.split(separator: "\n").count == 1, "\(exported.output)")
    let events = { (folder: String) in
      try fm.contentsOfDirectory(atPath: top.appendingPathComponent(folder).path)
        .filter { $0.hasPrefix("events.out.tfevents.") }
    }
    #expect(try events("results/cat").count == 1)
    #expect(try events("other/teamrun").isEmpty)
    let dvc = try SweepBinary.run(["export", "dvc", results.path])
    #expect(dvc.status == 0, "\(dvc.error)")
    #expect(!fm.fileExists(atPath: top.appendingPathComponent("other/teamrun/summary.json").path))
    let listed = try SweepBinary.run(["ls", results.path, "--format", "csv", "--columns", "name"])
    #expect(listed.status == 0, "\(listed.error)")
    #expect(listed.output.split(separator: "\n") == ["name", "cat"], "\(listed.output)")
  }

  /// `/proc`, `/sys` and `/dev` hold no runs: walking `/proc` would reach every process's root.
  @Test func systemFoldersAreRefusedAsResultsFolders() throws {
    for folder in ["/proc", "/sys/kernel", "/dev"] {
      let exported = try SweepBinary.run(["export", "tensorboard", folder])
      #expect(exported.status == 73, "\(folder): \(exported.error)")
      #expect(exported.error.contains("kernel pseudo-filesystem"), "\(exported.error)")
      let listed = try SweepBinary.run(["ls", folder])
      #expect(listed.status == 73, "\(folder): \(listed.error)")
    }
  }

  @Test func whatCannotBeExportedIsOneLineAndAStatus() throws {
    let root = try copiedCat()
    defer { try? FileManager.default.removeItem(at: root) }
    let missing = try SweepBinary.run(["export", "dvc", root.appendingPathComponent("x").path])
    #expect(missing.status == 66 && missing.error.contains("does not exist"))
    // The binary starts in a clean environment: no MLFLOW_TRACKING_URI.
    let noURI = try SweepBinary.run(["export", "mlflow", root.path])
    #expect(noURI.status == 64 && noURI.error.contains("--tracking-uri"))
    let badURI = try SweepBinary.run(
      ["export", "mlflow", "--tracking-uri", "localhost:5000", root.path])
    #expect(badURI.status == 64 && badURI.error.contains("is not an http:// or https://"))
    // A local store (what `mlflow ui` reads) needs a server in front: the message says how.
    let store = try SweepBinary.run(
      ["export", "mlflow", "--tracking-uri", "file:./mlruns", root.path])
    #expect(store.status == 64, "\(store.error)")
    #expect(store.error.contains("`mlflow server --backend-store-uri file:./mlruns`"))
    let down = try SweepBinary.run(
      ["export", "mlflow", "--tracking-uri", "http://127.0.0.1:9", root.path])
    #expect(down.status == 69 && down.error.contains("cannot reach the MLflow server"))
  }

  /// Review A5 (session 43): the MLflow export's session left Foundation's folders for any
  /// URLSession in a fresh home (`~/.cache/org.swift.foundation.URLCache/runner`, a cookie
  /// folder in `~/.local/share`); it is the downloads' session, which removes them.
  @Test func anMLflowExportLeavesNoFolderOfFoundations() throws {
    let root = try copiedCat()
    defer { try? FileManager.default.removeItem(at: root) }
    let home = root.appendingPathComponent("home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    let down = try SweepBinary.run(
      [
        "export", "mlflow", "--tracking-uri", "http://127.0.0.1:9",
        root.appendingPathComponent("cat").path,
      ],
      environment: ["HOME": home.path])
    #expect(down.status == 69, "\(down.error)")
    let left = try FileManager.default.subpathsOfDirectory(atPath: home.path)
    #expect(left.isEmpty, "\(left)")
  }

  /// `--timeout` is read as every `--timeout` (tester AT, F8): what crashed the networking
  /// layer (nan, inf, 1e19) or timed out at once (0, -1) is a usage error naming the option;
  /// seconds and durations with units are taken.
  @Test func theTimeoutIsCheckedBeforeAnyRequest() throws {
    let root = try copiedCat()
    defer { try? FileManager.default.removeItem(at: root) }
    let export = ["export", "mlflow", "--tracking-uri", "http://127.0.0.1:9", root.path]
    for (value, why) in [
      ("nan", "not a duration"), ("inf", "not a duration"), ("1e19", "not a duration"),
      ("0", "the request timeout must be longer than 0"),
      ("-1", "a request timeout cannot be negative"),
      ("400d", "the request timeout must be at most 365d"),
    ] {
      let refused = try SweepBinary.run(export + ["--timeout", value])
      #expect(refused.status == 64, "\(value): \(refused.error)")
      #expect(refused.error.contains("error: --timeout \(value): \(why) (write seconds or a"))
      #expect(!refused.error.contains("Backtrac"), "\(refused.error)")
    }
    for value in ["30", "45s", "0.5", "1h"] {
      let taken = try SweepBinary.run(export + ["--timeout", value])
      #expect(taken.status == 69, "\(value): \(taken.error)")
      #expect(taken.error.contains("cannot reach the MLflow server"), "\(taken.error)")
    }
  }
}
