import Conventions
import Foundation
import Pipeline
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs the built `runner` binary (beside the test bundle) as a subprocess, as a user or a
/// scheduler would, and compares sweep folders.
enum SweepBinary {
  /// The built `runner` executable, if present.
  static let executable: URL? = {
    var candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
    if let first = CommandLine.arguments.first {
      candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent())
    }
    return candidates.map { $0.appendingPathComponent("runner") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// The repository root.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The command the built runner names in its remedies when started from `directory` (this
  /// process's working directory by default): the runner's own rule (`Invocation.inferred`),
  /// never a copy of it.
  static func command(in directory: URL? = nil) -> String {
    guard let executable else { return "runner" }
    let here = directory?.path ?? FileManager.default.currentDirectoryPath
    return Invocation.inferred(argv0: executable.path, workingDirectory: here)
  }

  /// A sweep fixture of `Tests/PipelineTests/Sweep/`.
  static func fixture(_ name: String) -> String {
    root.appendingPathComponent("Tests/PipelineTests/Sweep").appendingPathComponent(name).path
  }

  /// A run of a small MLP on 2000 moons samples named `name`, long enough to be signalled while
  /// it trains: `epochs` 3000 take about 15 s in a debug build (so a lost signal still ends),
  /// 600 about 2 s.
  static func longRun(_ name: String, epochs: Int = 3000) -> String {
    """
    name: \(name)
    dataset: {generator: {type: moons, samples: 2000, noise: 0.2}}
    model:
      type: mlp
      layers: [{units: 64, activation: relu}, {units: 1, activation: sigmoid}]
    optimizer: {type: sgd, batch_size: 8, epochs: \(epochs)}
    record_every: \(epochs / 3)

    """
  }

  /// The sweep folders of fixture `name` (its spec `<name>.yaml`, its folder `sweep-<name>`)
  /// run as `count` shards, shard k into `root/s<k>`, each expected to succeed.
  static func shards(_ name: String, count: Int = 2, in root: URL) throws -> [URL] {
    try (0..<count).map { k in
      let results = root.appendingPathComponent("s\(k)")
      let run = try SweepBinary.run([
        "sweep", fixture(name + ".yaml"), "--results-dir", results.path, "--shard", "\(k)/\(count)",
      ])
      #expect(run.status == 0, "\(run.error)")
      return results.appendingPathComponent("sweep-" + name)
    }
  }

  /// A fresh project folder holding fixture `fixture` as `x.yaml`, swept as two shards from it
  /// (`runner sweep x.yaml --shard k/2 [extra] --results-dir shard<k>`), each expected to succeed.
  static func shardedProject(
    _ fixture: String, extra: [String] = [], label: String = #function
  ) throws -> URL {
    let project = temporaryDirectory(label)
    try FileManager.default.copyItem(
      atPath: self.fixture(fixture), toPath: project.appendingPathComponent("x.yaml").path)
    for shard in 0..<2 {
      let run = try run(
        ["sweep", "x.yaml", "--shard", "\(shard)/2"] + extra + ["--results-dir", "shard\(shard)"],
        in: project)
      #expect(run.status == 0, "\(run.error)")
    }
    return project
  }

  /// A fresh empty folder.
  static func temporaryDirectory(_ label: String = #function) -> URL {
    let safe = label.filter { $0.isLetter || $0.isNumber }
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("runner-sweep-bin-\(safe)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// How a subprocess ended.
  struct Result {
    var status: Int32
    var killed: Bool
    /// Whether the `interruptOnceExists` signal was sent while the process ran.
    var signalled = false
    var output: String
    var error: String
  }

  /// Where the runner, when built with coverage (`--enable-code-coverage`), writes its profile as
  /// it exits: where this process writes its own (LLVM_PROFILE_FILE, set by `swift test`), else
  /// nowhere; never `default.profraw` in its working directory. Nowhere either under a file size
  /// limit, which the profile would exceed (the runner would then say so on standard error).
  static func profileFile(sizeLimited: Bool) -> String {
    let own = ProcessInfo.processInfo.environment["LLVM_PROFILE_FILE"]
    return sizeLimited ? "/dev/null" : own ?? "/dev/null"
  }

  /// Starts `runner arguments` with `environment` added to a clean one (in `directory` when
  /// given); `killAfter` sends SIGKILL after that many seconds if it is still running;
  /// `fileSizeLimit` (512-byte blocks, `ulimit -f`) makes larger writes fail;
  /// `addressSpaceLimit` (KB, `ulimit -v`) bounds the address space; `openFileLimit`
  /// (`ulimit -n`) the open files; `stackLimit` (KB, `ulimit -s`) each thread's stack;
  /// `ignoredSignals` (`INT`)
  /// start it with those signals ignored. `interruptWhen` sends `interruptSignal` once it holds
  /// of the process's id (polled every 2 ms). `interruptTwiceOnceExists` sends two SIGINTs
  /// `twiceApart` seconds apart, `thenAfter` seconds after the file appears.
  static func run(
    _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil,
    fileSizeLimit: Int? = nil, addressSpaceLimit: Int? = nil, openFileLimit: Int? = nil,
    stackLimit: Int? = nil,
    killAfter: Double? = nil,
    interruptOnceExists interruptFile: URL? = nil, with interruptSignal: Int32 = SIGINT,
    interruptTwiceOnceExists twiceFile: URL? = nil, twiceApart: Double = 0.7,
    killWhen condition: (() -> Bool)? = nil,
    interruptWhen signalCondition: ((Int32) -> Bool)? = nil,
    thenAfter extraDelay: Double = 0, ignoring ignoredSignals: [String] = [],
    whenStopped stopped: (() throws -> Void)? = nil
  ) throws -> Result {
    guard let executable else { throw BinaryMissing() }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    // Limits, and signals the runner starts with ignored (`trap '' INT`, as `cmd &` in a script).
    let limits =
      [
        fileSizeLimit.map { "ulimit -f \($0)" }, addressSpaceLimit.map { "ulimit -v \($0)" },
        openFileLimit.map { "ulimit -n \($0)" }, stackLimit.map { "ulimit -s \($0)" },
      ].compactMap { $0 } + ignoredSignals.map { "trap '' \($0)" }
    if !limits.isEmpty {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments =
        ["-c", (limits + ["exec \"$0\" \"$@\""]).joined(separator: " && "), executable.path]
        + arguments
    }
    if let directory { process.currentDirectoryURL = directory }
    var env = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NO_COLOR": "1",
    ]
    // A BLAS kernel set before the tests (by test.sh's policy, or preset by the machine) is
    // passed on unchanged.
    for name in ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "RUNNER_BLAS_KERNEL_APPLIED"] {
      env[name] = ProcessInfo.processInfo.environment[name]
    }
    env["LLVM_PROFILE_FILE"] = profileFile(sizeLimited: fileSizeLimit != nil)
    env.merge(environment) { $1 }
    // The crash hook a test names is armed by the second variable only tests set (`CrashHook`).
    if env[CrashHook.variable] != nil, env[CrashHook.armingVariable] == nil {
      env[CrashHook.armingVariable] = CrashHook.armingValue
    }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Drain the pipes while the process runs (a full pipe would block it).
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      outData = out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    if let killAfter {
      // Polled: a process that ends sooner is not waited for.
      let deadline = Date().addingTimeInterval(killAfter)
      while process.isRunning && Date() < deadline { usleep(2_000) }
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    if let condition {
      // SIGKILL once the condition holds (polled every 2 ms), `extraDelay` seconds later.
      for _ in 0..<10_000 where process.isRunning {
        if condition() {
          usleep(useconds_t(extraDelay * 1e6))
          if process.isRunning { kill(process.processIdentifier, SIGKILL) }
          break
        }
        usleep(2_000)
      }
    }
    if let stopped {
      // Once the process stops itself (a `:stop` crash hook), `stopped` runs, then SIGCONT.
      for _ in 0..<30_000 where process.isRunning {
        if isStopped(process.processIdentifier) {
          defer { kill(process.processIdentifier, SIGCONT) }
          try stopped()
          break
        }
        usleep(2_000)
      }
    }
    var signalled = false
    if let signalCondition {
      for _ in 0..<15_000 where process.isRunning {
        if signalCondition(process.processIdentifier) {
          kill(process.processIdentifier, interruptSignal)
          signalled = true
          break
        }
        usleep(2_000)
      }
    }
    if let interruptFile {
      // Ctrl-C as soon as the file appears (the sweep is running by then).
      for _ in 0..<2000 where process.isRunning {
        if FileManager.default.fileExists(atPath: interruptFile.path) {
          kill(process.processIdentifier, interruptSignal)
          signalled = true
          break
        }
        usleep(5_000)
      }
    }
    if let twiceFile {
      // Ctrl-C twice, `twiceApart` seconds apart (closer than 0.5 s they are one Ctrl-C
      // delivered twice), `extraDelay` seconds after the file appears.
      for _ in 0..<2000 where process.isRunning {
        if FileManager.default.fileExists(atPath: twiceFile.path) {
          usleep(useconds_t(extraDelay * 1e6))
          kill(process.processIdentifier, SIGINT)
          usleep(useconds_t(twiceApart * 1e6))
          kill(process.processIdentifier, SIGINT)
          break
        }
        usleep(2_000)
      }
    }
    process.waitUntilExit()
    group.wait()
    return Result(
      status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
      signalled: signalled,
      output: String(decoding: outData, as: UTF8.self),
      error: String(decoding: errData, as: UTF8.self))
  }

  /// Whether process `pid` is stopped (its state in `/proc/<pid>/stat` is `T`).
  static func isStopped(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let end = stat.lastIndex(of: ")")
    else { return false }
    return stat[end...].dropFirst(2).first == "T"
  }

  /// Every non-hidden file below `directory` except the timing and environment records, with its bytes.
  static func contents(of directory: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else {
      return out
    }
    while let path = enumerator.nextObject() as? String {
      let parts = path.split(separator: "/")
      if parts.contains(where: { $0.hasPrefix(".") })
        || ["timings.csv", "environment.csv"].contains(parts.last!)
      {
        continue
      }
      let url = directory.appendingPathComponent(path)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        out[path] = FileManager.default.contents(atPath: url.path)
      }
    }
    return out
  }

  /// How many trials of the sweep folder are complete (have their `status.csv`).
  static func completeTrials(in folder: URL) -> Int {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter {
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/status.csv").path)
    }.count
  }

  /// Hidden entries (staging folders, temporaries) anywhere below `directory`; the record of
  /// what the runner wrote (`WrittenRecord`) and a shard's marker (`ShardRecord`) are none.
  static func hiddenEntries(below directory: URL) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
    var out: [String] = []
    while let path = enumerator.nextObject() as? String {
      let name = (path as NSString).lastPathComponent
      if name.hasPrefix(".") && name != WrittenRecord.name && ShardRecord.marker(name) == nil {
        out.append(path)
      }
    }
    return out
  }
}

/// The `runner` binary was not found beside the test bundle (build with `swift build --build-tests`).
struct BinaryMissing: Error, CustomStringConvertible {
  var description: String {
    "the runner binary is not beside the test bundle; build it with swift build --build-tests"
  }
}

/// A small seeded generator (SplitMix64) for the moments the tests kill a sweep.
struct SeededMoments: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
