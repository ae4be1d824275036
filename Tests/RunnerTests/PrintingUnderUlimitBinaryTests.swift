import ArgumentParser
import Foundation
import Testing

@testable import runner

/// Under a `ulimit -v` that leaves no room for data, the commands that load no training data
/// (`LoadsNoData`) run; the ones that load data are still refused with what to raise (exit 64),
/// with nothing written. Both lists are derived from the runner's commands: a command added
/// without an example here fails the test.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct PrintingUnderUlimitBinaryTests {
  /// Every command of the runner by the words that name it (`data list`), with its type.
  static func commands(
    of type: any ParsableCommand.Type = Runner.self, named words: [String] = []
  ) -> [(words: String, type: any ParsableCommand.Type)] {
    type.configuration.subcommands.flatMap { command in
      let named = words + [command._commandName]
      return [(named.joined(separator: " "), command)] + commands(of: command, named: named)
    }
  }

  /// The folders the examples read: two copies of a committed run, a sweep run as two shards,
  /// and a spec; downloads off, an empty cache.
  struct Fixture {
    let dir = SweepBinary.temporaryDirectory(#function)
    var environment: [String: String] {
      ["XDG_CACHE_HOME": dir.appendingPathComponent("cache").path, "RUNNER_DATASET_MIRRORS": ""]
    }
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    let spec = SweepBinary.root.appendingPathComponent("experiments/and-perceptron-step.yaml").path
    let shards: [String]

    init() throws {
      try FileManager.default.createDirectory(
        at: dir.appendingPathComponent("none"), withIntermediateDirectories: true)
      for copy in ["a", "b"] {
        try FileManager.default.copyItem(
          at: SweepBinary.root.appendingPathComponent("results/baseline/and-perceptron-step"),
          to: dir.appendingPathComponent(copy))
      }
      shards = try SweepBinary.shards("linear-grid", in: dir).map(\.path)
    }

    /// An invocation of each command (by its words) that succeeds when nothing limits it.
    var examples: [String: [String]] {
      [
        // Several runs and a sweep's trials: their read in parallel hung under ulimit -v
        // 300000 (dispatch found no room for a worker thread's stack and retried forever).
        "ls": ["ls", dir.path], "env": ["env"], "data": ["data"],
        "data list": ["data", "list"],
        "diff": ["diff", path("a"), path("b")],
        "compare": ["compare", path("a"), path("b"), "--into", path("compared")],
        "explain": ["explain", spec], "merge": ["merge"] + shards + ["--into", path("merged")],
        "report": ["report", path("a")], "export": ["export"],
        "export tensorboard": ["export", "tensorboard", path("a"), "--logdir", path("events")],
        "export dvc": ["export", "dvc", path("b")],
        // Those that load data: refused before they read anything.
        "run": ["run", spec, "--results-dir", dir.path], "validate": ["validate", spec],
        "sweep": ["sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir", dir.path],
        "predict": [
          "predict", spec, "--params", path("a/params"), "--data", spec, "--output",
          path("predicted.csv"),
        ],
        "gradcheck": ["gradcheck", spec], "gate": ["gate", "--root", dir.path],
        "data show": ["data", "show", "catvnoncat"], "data fetch": ["data", "fetch", "catvnoncat"],
        "data split": ["data", "split", spec],
        "data export": ["data", "export", spec, "--output", path("exported.csv")],
        "export mlflow": ["export", "mlflow", "--tracking-uri", "http://127.0.0.1:9", path("a")],
      ]
    }
  }

  /// The limits tried: above the least the process starts under (about 150 000 KB: below it
  /// the dynamic loader fails, before the runner starts), far below what a run needs.
  static let limits = [200_000, 300_000]

  // Tester s43 AX F8: `runner --version`, `ls`, `env` and `data list` exited 64 with the memory
  // refusal under ulimit -v 300000, though they allocate no data; then (s44) so did `diff`,
  // `compare`, `explain`, `merge`, `report` and `export`, which read results files or a spec.
  @Test func commandsThatLoadNoDataRunUnderATightUlimit() throws {
    let fixture = try Fixture()
    defer { try? FileManager.default.removeItem(at: fixture.dir) }
    let loadingNoData = Self.commands().filter { $0.type is any LoadsNoData.Type }
    let printing = [["--version"], ["--help"], ["help", "run"], ["env", "--kernel"]]
    for kilobytes in Self.limits {
      for (words, _) in loadingNoData {
        guard let arguments = fixture.examples[words] else {
          Issue.record("no example of `runner \(words)`")
          continue
        }
        // What an earlier command wrote goes: each writes into a fresh folder.
        for made in ["compared", "merged", "events"] {
          try? FileManager.default.removeItem(atPath: fixture.path(made))
        }
        let r = try SweepBinary.run(
          arguments, environment: fixture.environment, addressSpaceLimit: kilobytes,
          killAfter: 120)
        #expect(
          !r.killed && r.status == 0, "\(kilobytes) KB \(arguments): \(r.status) \(r.error)")
        #expect(!r.error.contains("ulimit"), "\(arguments): \(r.error)")
        #expect(!r.output.isEmpty, "\(arguments)")
      }
      for arguments in printing {
        let r = try SweepBinary.run(
          arguments, environment: fixture.environment, addressSpaceLimit: kilobytes,
          killAfter: 120)
        #expect(
          !r.killed && r.status == 0, "\(kilobytes) KB \(arguments): \(r.status) \(r.error)")
        #expect(!r.output.isEmpty, "\(arguments)")
      }
    }
  }

  /// Every other command is refused at once with the ulimit to raise, and writes nothing: the
  /// folder a refused run would have replaced keeps its files.
  @Test func commandsThatLoadDataAreRefusedWithWhatToRaise() throws {
    let fixture = try Fixture()
    defer { try? FileManager.default.removeItem(at: fixture.dir) }
    let loadingData = Self.commands().filter { !($0.type is any LoadsNoData.Type) }
    #expect(loadingData.contains { $0.words == "run" })
    // The run's own folder, written before: the refused run (same spec, same results folder)
    // leaves it as it was.
    let earlier = fixture.dir.appendingPathComponent("and-perceptron-step")
    try FileManager.default.copyItem(at: fixture.dir.appendingPathComponent("a"), to: earlier)
    let before = try Self.contents(of: fixture.dir)
    for kilobytes in Self.limits {
      for (words, _) in loadingData {
        guard let arguments = fixture.examples[words] else {
          Issue.record("no example of `runner \(words)`")
          continue
        }
        let r = try SweepBinary.run(
          arguments, environment: fixture.environment, addressSpaceLimit: kilobytes,
          killAfter: 120)
        #expect(!r.killed && r.status == 64, "\(kilobytes) KB \(arguments): \(r.status) \(r.error)")
        #expect(
          r.error.hasPrefix("error: ulimit -v \(kilobytes) allows")
            && r.error.contains("raise the ulimit -v"), "\(arguments): \(r.error)")
        #expect(try Self.contents(of: fixture.dir) == before, "\(arguments) wrote")
      }
    }
  }

  /// Each file under `folder` with its bytes.
  static func contents(of folder: URL) throws -> [String: Data] {
    let paths = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
    var files: [String: Data] = [:]
    for path in paths {
      let url = folder.appendingPathComponent(path)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      files[path] = try Data(contentsOf: url)
    }
    return files
  }
}
