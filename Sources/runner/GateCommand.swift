import ArgumentParser
import CommandLineOptions
import Conventions
import Foundation
import Pipeline

/// `runner gate`: the regression gate over `results/baseline/gate.csv`.
struct GateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gate",
    abstract: "Re-run the baseline experiments and compare them with results/baseline/.",
    discussion: """
      Byte for byte when this machine's numeric environment (BLAS kernel class, version, \
      threads, math library) is the baseline's, else within each entry's tolerances; each line \
      says which. \
      --record replaces the baselines (review `git diff results/baseline` before committing), \
      only the files the gate records: files of yours there (a NOTES.md) are kept in the new one; \
      a baseline whose results are the fresh run's byte for byte is left as it is (unchanged); \
      a baseline a killed --record left moved aside is put back first, and said so. \
      An entry without a baseline yet (a new line of gate.csv; its folder missing or holding \
      no recorded results) is not run: its line names the command that records it. \
      Exit codes: 0 every experiment matches, 1 one differs, failed to run or has no baseline \
      yet (the machine stopping one, a limit or a full disk, gives its own 71, 73 or 75 \
      instead, after the other entries), 64 usage or --record under a BLAS kernel other than the project policy's \
      (--blas-kernel, OPENBLAS_CORETYPE: nothing is recorded), \
      65 a bad manifest (at its line: a command column other than the spec's, run or sweep, \
      included), 66 no manifest (results/baseline/gate.csv under --root) or a spec it names \
      missing, \(ExitStatus.osErrorHelp), \
      73 a baseline \
      that cannot be recorded (a full disk; the earlier one is kept), a .previous-<name> or \
      .recording-<name> folder in the way that the runner did not leave, or no work folder \
      (runner-gate-user-<uid>/runner-gate-<pid> in TMPDIR, or a write-protected TMPDIR), \
      a write-protected baseline under --record (chmod a-w: the baseline, a file in it or \
      results/baseline; nothing is recorded), 130 Ctrl-C, 143 SIGTERM and \
      129 SIGHUP (every baseline is whole, the earlier one or the new one; one line says which \
      were recorded).
      """)

  @Argument(help: "Entries to check (default: all).")
  var names: [String] = []

  @Flag(help: "Re-record the baselines instead of checking them.")
  var record = false

  @Option(help: "The project root holding results/baseline/; . is the current folder.")
  var root: String = "."

  @OptionGroup var blas: BLASKernelOption

  func run() throws {
    let console = Console()
    let gate = RegressionGate(root: URL(fileURLWithPath: root).standardizedFileURL)
    // Ctrl-C, SIGTERM: the work folder and lock files go, and a line says how the baselines are.
    let interrupt = GateInterrupt(gate: gate, recording: record)
    interrupt.install(console)
    defer { interrupt.removeWork() }
    // Interrupted meanwhile: the interrupt ends the process (and removes the work folder); else
    // a signal from now on changes nothing.
    defer { Interrupt.finish() }
    // Each entry's verdict, for the count line that ends the output.
    var tally: [(name: String, failure: String?)] = []
    // Entries --record left as they were (their results did not change).
    var unchanged = 0
    // The status of an entry the machine stopped (a limit, a full disk): the gate's, not 1,
    // which would read as a regression (tester BF F4).
    var environmental: ExitStatus?
    do throws(GateError) {
      let all = try gate.entries()
      for name in names where !all.contains(where: { $0.name == name }) {
        throw GateError.unknownEntry(name, known: all.map(\.name))
      }
      // A missing spec, or a command that is not the spec's, is the manifest's mistake: refused
      // at its line before anything runs, not failed as a regression.
      try gate.checkSpecs(all)
      // A protected baseline (or results/baseline itself) is refused before anything runs.
      if record {
        try gate.refuseOffPolicyKernel(
          BLASKernelSetup.current, environment: ProcessInfo.processInfo.environment)
        try gate.refuseProtected(all.filter { names.isEmpty || names.contains($0.name) })
      }
      // One gate at a time repairs and records the baselines; a check where no lock file can
      // be made (a read-only checkout) goes on without one.
      var lock: FolderLock?
      do { lock = try Self.lockBaselines(gate.baselineRoot, console) } catch  where !record {}
      defer { lock?.release() }
      // A --record killed between its moves: the earlier baseline goes back first. A check
      // that cannot repair (a read-only checkout, where no lock file could be made either) goes
      // on with the baselines as they are, and says so.
      do { for line in try gate.recover(all, recording: record) { console.error(line) } } catch
        where !record
      {
        console.error("\(error.description) (checking the baselines as they are)")
      }
      // The fresh runs go in a marked work folder; those of gates killed before go first.
      let shared = FileManager.default.temporaryDirectory
      let temporary = GateWorkFolder.privateParent(in: shared)
      if let temporary { GateWorkFolder.removeLeftovers(in: temporary) }
      let folder = try interrupt.makeWorkFolder(in: temporary ?? shared)
      for entry in all where names.isEmpty || names.contains(entry.name) {
        // An entry added to gate.csv and not yet recorded: said with the command that records
        // it, not run; the other entries are still checked.
        if !record, let missing = gate.missingBaseline(entry) {
          console.out(
            "\(entry.name): no baseline yet (\(missing)); record it with `\(recordCommand(entry))`")
          tally.append((entry.name, "has no baseline"))
          continue
        }
        let fresh: URL
        do { fresh = try gate.runFresh(entry, resultsRoot: folder.url) } catch {
          // On stdout with the other verdicts, so that a log of stdout shows it.
          console.out("\(entry.name): did not run cleanly: \(error)")
          tally.append((entry.name, "did not run"))
          if error.isEnvironmental { environmental = error.exitCode }
          continue
        }
        if record {
          interrupt.recordingStarted(entry)
          let recording = try gate.record(entry, fresh: fresh)
          interrupt.recordingEnded()
          switch recording {
          case .unchanged:
            console.out(
              "\(entry.name): unchanged, \(gate.baseline(entry).path) left as it is (its "
                + "results are the fresh run's byte for byte)")
            unchanged += 1
          case .recorded(let kept):
            console.out("\(entry.name): recorded \(gate.baseline(entry).path)")
            if let kept { console.error(kept) }
          }
          tally.append((entry.name, nil))
        } else {
          let verdict = try gate.check(entry, fresh: fresh)
          console.out(verdict.rendered)
          tally.append((entry.name, verdict.passed ? nil : "differs"))
        }
      }
    } catch {
      console.error(error.description)
      throw ExitCode(error.exitCode.rawValue)
    }
    console.out(Self.countLine(tally, recording: record, unchanged: unchanged))
    if let environmental { throw ExitCode(environmental.rawValue) }
    if tally.contains(where: { $0.failure != nil }) { throw ExitCode(ExitStatus.failure) }
  }

  /// The command that records `entry`'s baseline alone, as the user started the runner:
  /// `runner gate --record x7`, with the --root given.
  func recordCommand(_ entry: GateEntry) -> String {
    RegressionGate.recordCommand(entry.name, root: root == "." ? nil : root)
  }

  /// The gate's last line: how many entries passed (or were recorded) and which failed, e.g.
  /// `gate: 1 of 9 failed (cat did not run), 8 ok`.
  /// Under --record, `unchanged` of them were left as they were: `gate: 9 of 9 recorded (8
  /// unchanged)`.
  static func countLine(
    _ tally: [(name: String, failure: String?)], recording: Bool, unchanged: Int = 0
  ) -> String {
    let failures = tally.compactMap { entry in entry.failure.map { "\(entry.name) \($0)" } }
    let word = (recording ? "recorded" : "ok") + (unchanged > 0 ? " (\(unchanged) unchanged)" : "")
    guard !failures.isEmpty else { return "gate: \(tally.count) of \(tally.count) \(word)" }
    let passed = "\(tally.count - failures.count) \(word)"
    return
      "gate: \(failures.count) of \(tally.count) failed (\(failures.joined(separator: ", "))), "
      + passed
  }

  /// The lock of `baselines`, waited for (and said so) while another gate holds it.
  static func lockBaselines(_ baselines: URL, _ console: Console) throws(GateError) -> FolderLock {
    do throws(FolderError) {
      do { return try FolderLock.acquire(baselines) } catch .inUse(_, let pid) {
        console.error("waiting for the gate with pid \(pid), which holds \(baselines.path)")
        return try FolderLock.acquire(baselines, wait: true)
      }
    } catch {
      throw .cannotRecord(path: baselines.path, reason: error.description)
    }
  }
}
