import ArgumentParser
import Conventions
import Engine
import Foundation
import Pipeline

/// `runner`: run declarative machine-learning experiments described in YAML.
@main
struct Runner: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    // Help and usage errors name the command as the user ran it (`swift run runner run --help`);
    // a completion script is for `runner` on PATH.
    commandName: completing ? Invocation.name : Invocation.command,
    abstract: "Run declarative machine-learning experiments described in YAML.",
    discussion:
      "`\(Invocation.commandLine(["SPEC"]))` is shorthand for "
      + "`\(Invocation.commandLine(["run", "SPEC"]))`.",
    version: "runner \(RunnerVersion.current)",
    subcommands: [
      RunCommand.self, ValidateCommand.self, ExplainCommand.self, SweepCommand.self,
      MergeCommand.self,
      DiffCommand.self, ReportCommand.self, PredictCommand.self, DataCommand.self,
      GradcheckCommand.self,
      GateCommand.self, EnvCommand.self, LsCommand.self, CompareCommand.self,
      ExportCommand.self,
    ],
    defaultSubcommand: RunCommand.self
  )

  /// Chooses the BLAS kernel (re-executing when needed) before anything computes; a misspelt
  /// subcommand gets its suggestion (exit 64) instead of being read as a spec.
  static func main() async {
    // First of all: below this limit the runtime's own threads stop the process (SIGILL).
    if let refusal = ExperimentRunner.openFileLimitRefusal() {
      StandardStream.error(refusal + "\n")
      _exit(ExitStatus.osError.rawValue)
    }
    // Before anything writes: a reader that closes its pipe (`runner run x.yaml 2>&1 | head`)
    // makes a write fail with EPIPE, let go as a full disk is, instead of SIGPIPE killing the
    // run before it saves anything (and leaving its lock file behind).
    signal(SIGPIPE, SIG_IGN)
    // Before anything else takes time (runner.yaml read, the command line parsed): a Ctrl-C or
    // SIGTERM in `run`'s or `sweep`'s first moments gets its line too (it ended them silently).
    // Under a `ulimit -v`, once the room for the listening thread is known (below).
    // First: every message from here on names the command as the user can type it (before
    // `configuration`, read by the stops below, fixes the name usage errors give).
    Invocation.setFromStart()
    let arguments = Array(CommandLine.arguments.dropFirst())
    if !ExperimentRunner.underAddressSpaceLimit { installStopsFromStart(arguments) }
    // Before the bytes are decoded (invalid UTF-8 turned into U+FFFD: another path).
    if let refusal = notUTF8Refusal() {
      StandardStream.error(refusal + "\n")
      Foundation.exit(ExitStatus.usage.rawValue)
    }
    // A stop caught just before a re-execution is honoured, not lost with it.
    BLASKernelSetup.configureProcess(beforeExec: Interrupt.beforeExec)
    CrashHook.reachInProcess("start")
    // Room for data is asked of the commands that load it: `ls`, `env`, `--version` run under
    // any ulimit -v the loader starts under (they were refused, tester s43 AX F8).
    let loadsData = !loadsNoData(Array(CommandLine.arguments.dropFirst()))
    // Threads get stacks of the `ulimit -s` size: below what training takes, one would
    // overflow and kill the process without a word.
    if loadsData, let refusal = ExperimentRunner.stackLimitRefusal() {
      StandardStream.error(refusal + "\n")
      _exit(ExitStatus.osError.rawValue)
    }
    if loadsData, let refusal = ExperimentRunner.addressSpaceRefusal() {
      // `_exit`: exit handlers would wait on OpenBLAS threads that cannot map their buffers.
      StandardStream.error(refusal + "\n")
      _exit(ExitStatus.usage.rawValue)
    }
    if ExperimentRunner.underAddressSpaceLimit {
      // glibc gives a thread that allocates its own arena, 64 MB of address space, as the
      // runtime's threads start: the space left at a memory check depended on how many had
      // (validate and run found limits 130 MB apart, tester O2). One arena for every thread.
      // (`mallopt(M_ARENA_MAX, 1)`, M_ARENA_MAX being -8: glibc's header is not imported.)
      if let mallopt = dlsym(nil, "mallopt") {
        _ = unsafeBitCast(mallopt, to: (@convention(c) (Int32, Int32) -> Int32).self)(-8, 1)
      }
    }
    if loadsData, ExperimentRunner.underAddressSpaceLimit {
      // The thread that takes Ctrl-C in `run` and `sweep` (its stack) is started for every
      // command that loads data before any memory check, so that `validate` finds the space
      // `run` has left.
      Interrupt.startListening()
      installStopsFromStart(arguments)
      // So are OpenBLAS's pool threads, each mapping its 128 MB buffer as it starts: one not
      // yet run at the check left 128 MB more (under load only). The refusal above leaves room.
      BLAS.startPoolThreads()
    }
    // Past the file size limit (`ulimit -f`), a write fails with "File too large", reported
    // like a full disk, instead of the signal killing the process with a core dump.
    signal(SIGXFSZ, SIG_IGN)
    if let word = CommandLine.arguments.dropFirst().first, let name = misspeltSubcommand(word) {
      StandardStream.error(
        "error: unknown command '\(word)'; did you mean '\(name)'?\n"
          + "help: see `\(Invocation.commandLine(["--help"]))` for the commands\n")
      Self.exit(withError: ExitCode(ExitStatus.usage))
    }
    if let refusal = emptyPathRefusal(in: Array(CommandLine.arguments.dropFirst())) {
      StandardStream.error(refusal + "\n")
      Self.exit(withError: ExitCode(ExitStatus.usage))
    }
    if let refusal = dashedArgumentRefusal(in: Array(CommandLine.arguments.dropFirst())) {
      StandardStream.error(refusal + "\n")
      Self.exit(withError: ExitCode(ExitStatus.usage))
    }
    if let (key, value) = spacedOverride(in: Array(CommandLine.arguments.dropFirst())) {
      StandardStream.error(
        "error: invalid --set '\(key)': expected key.path=value; did you mean "
          + "`--set \("\(key)=\(value)".shellQuoted)`? (the value goes after '=', with no space)\n")
      Self.exit(withError: ExitCode(ExitStatus.usage))
    }
    if !loadsData, ExperimentRunner.underAddressSpaceLimit {
      runOnThisThread(Array(CommandLine.arguments.dropFirst()))
    }
    await mainLeavingQuicklyUnderAddressLimit()
  }

  /// ArgumentParser's `main`, except that the help and `--version` text is written as every
  /// command's output is (`Console.out`: a closed or full standard output exits 73, where it
  /// was lost with exit 0), and under a `ulimit -v` a command that fails leaves with `_exit`
  /// after flushing its output: exit handlers can hang there (OpenBLAS's and the dispatch
  /// threads retry mappings that fail), with the error already printed.
  static func mainLeavingQuicklyUnderAddressLimit() async {
    do {
      var command = try parseAsRoot(nil)
      if var asynchronous = command as? AsyncParsableCommand {
        try await asynchronous.run()
      } else {
        try command.run()
      }
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if code == .success, !message.isEmpty { Console(color: .never).out(message) }
      guard ExperimentRunner.underAddressSpaceLimit else {
        if code == .success { Foundation.exit(code.rawValue) }
        exit(withError: error)
      }
      if code != .success, !message.isEmpty { StandardStream.error(message + "\n") }
      fflush(nil)
      _exit(code.rawValue)
    }
  }

  /// The key and value of an override written with a space (`--set optimizer.learning_rate
  /// 0.01`), which the parser would refuse as an unexpected argument `0.01`: a `--set` value
  /// without `=` (and no removal, `~key.path`) followed by a word that is no option (a negative number is a value), spec file
  /// or other `--set` value; only for the commands that take `--set` (and `runner SPEC`).
  static func spacedOverride(in arguments: [String]) -> (key: String, value: String)? {
    let commands = configuration.subcommands.compactMap { $0.configuration.commandName }
    let taking: [any ParsableCommand.Type] = [
      RunCommand.self, ValidateCommand.self, ExplainCommand.self, SweepCommand.self,
      GradcheckCommand.self, PredictCommand.self,
    ]
    let names = taking.compactMap { $0.configuration.commandName }
    if let first = arguments.first, commands.contains(first), !names.contains(first) {
      return nil
    }
    for i in arguments.indices.dropLast(2) where arguments[i] == "--set" {
      let (key, value) = (arguments[i + 1], arguments[i + 2])
      guard !key.contains("="), !key.hasPrefix("-"), !key.hasPrefix("~"),
        !value.hasPrefix("-") || Double(value) != nil,
        !value.contains("/"),
        !value.hasSuffix(".yaml"), !value.hasSuffix(".yml"),
        !FileManager.default.fileExists(atPath: value)
      else { continue }
      return (key, value)
    }
    return nil
  }

  /// Whether ArgumentParser is asked for a shell completion script.
  static var completing: Bool {
    CommandLine.arguments.contains { $0.hasPrefix("--generate-completion-script") }
  }

  /// The subcommand `word` is a typo of (`String.closest`), unless `word` is a subcommand, an
  /// option, a path (it has `.` or `/`) or an existing file.
  static func misspeltSubcommand(_ word: String) -> String? {
    let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    guard !names.contains(word), !word.hasPrefix("-"), !word.contains("."), !word.contains("/"),
      !FileManager.default.fileExists(atPath: word)
    else { return nil }
    return word.closest(among: names)
  }
}
