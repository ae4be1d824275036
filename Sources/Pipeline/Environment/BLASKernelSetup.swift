import Conventions
import Engine
import Foundation
import Specs
import Synchronization

/// Chooses OpenBLAS's kernel for this process before any computation, by the kernel policy.
///
/// OpenBLAS reads `OPENBLAS_CORETYPE` once, when the library loads (before `main`), so a
/// process whose kernel is not the policy's sets the variable and re-executes itself. The
/// policy comes from, in order: `--blas-kernel` on the command line, `RUNNER_BLAS_KERNEL`,
/// `blas_kernel` in `runner.yaml`, then `reproducible`. An `OPENBLAS_CORETYPE` already set
/// by the user (not by a runner) overrides every policy and is recorded, with a warning when
/// it differs from the policy's kernel; one that names no OpenBLAS kernel, or one the CPU
/// cannot run, is refused.
public struct BLASKernelSetup: Sendable {
  /// The command-line option.
  public static let option = "--blas-kernel"
  /// The environment variable naming the policy.
  public static let policyVariable = "RUNNER_BLAS_KERNEL"
  /// OpenBLAS's own variable.
  public static let coreTypeVariable = "OPENBLAS_CORETYPE"
  /// Set beside `OPENBLAS_CORETYPE` when a runner chose it, so that child processes can tell
  /// the runner's choice from a preset value.
  public static let markerVariable = "RUNNER_BLAS_KERNEL_APPLIED"

  /// The policy in force.
  public let policy: BLASKernelPolicy
  /// Where the policy came from: `--blas-kernel`, `RUNNER_BLAS_KERNEL`, the config file, or
  /// `default`.
  public let source: String
  /// The kernel the policy asks for on this CPU (nil: OpenBLAS's own choice).
  public let requestedKernel: String?
  /// A user's `OPENBLAS_CORETYPE`, which overrides the policy.
  public let preset: String?

  /// The policy for `arguments` and `environment`, and the kernel it asks for on this CPU;
  /// refuses a preset `OPENBLAS_CORETYPE` that names no kernel OpenBLAS has (`loadedKernel`,
  /// the one it loaded instead, is named) or one `cpu` cannot run.
  public init(
    arguments: [String], environment: [String: String], currentDirectory: String,
    cpu: CPUInfo = .current, loadedKernel: String = BLAS.coreName
  ) throws(PipelineError) {
    let (text, source) = Self.policyText(
      arguments: arguments, environment: environment, currentDirectory: currentDirectory)
    guard let policy = text.map({ BLASKernelPolicy($0) }) ?? .reproducible else {
      throw .environment(
        "\(source): unknown BLAS kernel policy '\(ByteText.environmentValue(source, text ?? ""))'; "
          + "expected \(BLASKernelPolicy.accepted)"
      )
    }
    self.policy = policy
    self.source = source
    do { requestedKernel = try policy.kernel(for: cpu) } catch {
      throw .environment("\(source) \(policy): \(error)")
    }
    let current = environment[Self.coreTypeVariable].flatMap { $0.isEmpty ? nil : $0 }
    let ours = current != nil && environment[Self.markerVariable] == current
    preset = ours ? nil : current
    if let preset, cpu.architecture == "x86_64", BLAS.choosesKernelAtLoad {
      try checkPreset(preset, cpu: cpu, loadedKernel: loadedKernel)
    }
  }

  /// The environment a process needs to run with the policy's kernel; nil when the current
  /// one already does (or a preset value rules, or OpenBLAS cannot switch kernels).
  public func environmentToApply(_ environment: [String: String]) -> [String: String]? {
    guard preset == nil, let requestedKernel, BLAS.choosesKernelAtLoad else { return nil }
    if environment[Self.coreTypeVariable]?.lowercased() == requestedKernel.lowercased() {
      return nil
    }
    var changed = environment
    changed[Self.coreTypeVariable] = requestedKernel
    changed[Self.markerVariable] = requestedKernel
    return changed
  }

  /// A warning when a preset `OPENBLAS_CORETYPE` differs from the policy's kernel.
  public var warning: String? {
    guard let preset, let requestedKernel,
      BLASKernel.numericClass(of: preset) != BLASKernel.numericClass(of: requestedKernel)
    else { return nil }
    return
      "warning: \(Self.coreTypeVariable)=\(preset) is set in the environment and overrides the \(policy) BLAS kernel (\(requestedKernel)); results can differ from runs made with \(requestedKernel) (unset it to follow the policy)"
  }

  /// Sets up this process: re-executes it with the policy's kernel when needed (does not
  /// return then; `beforeExec` runs just before), and records the choice for `RunEnvironment`.
  public func apply(beforeExec: () -> Void = {}) {
    Self.applied.withLock { $0 = self }
    let environment = ProcessInfo.processInfo.environment
    guard let changed = environmentToApply(environment) else {
      Self.restoreProcessName(environment: environment, argument0: CommandLine.arguments[0])
      return
    }
    for name in [Self.coreTypeVariable, Self.markerVariable] {
      setenv(name, changed[name]!, 1)
    }
    StandardStream.passClosedStreams()
    let arguments = CommandLine.arguments
    let executable =
      FileManager.default.fileExists(atPath: "/proc/self/exe")
      ? "/proc/self/exe" : arguments[0]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    beforeExec()
    if executable.hasPrefix("/") { execv(executable, &argv) } else { execvp(executable, &argv) }
    // Only reached when exec failed: go on with OpenBLAS's own kernel, and say so.
    StandardStream.error(
      "warning: could not re-execute with the \(requestedKernel ?? "") BLAS kernel (\(String(cString: strerror(errno)))); using \(BLAS.coreName)\n"
    )
  }

  /// The warning this process's setup printed, without `warning: `, for the command's own
  /// list of warnings (`--json`, `--strict`); empty when it printed none.
  public static var environmentWarnings: [String] {
    [current?.warning].compactMap { $0 }.map {
      $0.hasPrefix("warning: ") ? String($0.dropFirst("warning: ".count)) : $0
    }
  }

  /// The setup of this process, when an executable applied one.
  public static var current: BLASKernelSetup? { applied.withLock { $0 } }
  private static let applied = Mutex<BLASKernelSetup?>(nil)

  private static func policyText(
    arguments: [String], environment: [String: String], currentDirectory: String
  ) -> (String?, String) {
    for (index, argument) in arguments.enumerated() {
      if argument == option, index + 1 < arguments.count { return (arguments[index + 1], option) }
      if argument.hasPrefix(option + "=") {
        return (String(argument.dropFirst(option.count + 1)), option)
      }
    }
    if let value = environment[policyVariable], !value.isEmpty { return (value, policyVariable) }
    let specDirectory = arguments.dropFirst().first {
      ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && FileManager.default.fileExists(atPath: $0)
    }.map { ProjectContext.specFolder(of: URL(fileURLWithPath: $0).standardizedFileURL).path }
    // A runner.yaml that does not validate, or names no policy, gives no policy here; every
    // command that reads the project (run, sweep, validate, predict, data) then refuses it with
    // located errors (65).
    if let file = ProjectConfig.find(from: specDirectory ?? currentDirectory),
      let config = try? ProjectConfig.load(file: file), (try? config.checkBLASKernel()) != nil,
      let value = config.blasKernel
    {
      return (value, "\(file): blas_kernel")
    }
    return (nil, "default")
  }
}

extension BLASKernelSetup {
  /// Sets up the running executable from its command line, environment and `runner.yaml`:
  /// re-executes with the policy's kernel when needed, prints the preset warning, and exits
  /// with the usage code (64) when the policy cannot be honoured on this machine; `beforeExec`
  /// runs just before the process re-executes itself.
  public static func configureProcess(beforeExec: () -> Void = {}) {
    let environment = ProcessInfo.processInfo.environment
    do {
      let setup = try BLASKernelSetup(
        arguments: CommandLine.arguments, environment: environment,
        currentDirectory: FileManager.default.currentDirectoryPath)
      if let warning = setup.warning {
        StandardStream.error(warning + "\n")
      }
      setup.apply(beforeExec: beforeExec)
    } catch {
      StandardStream.error("\(error.description)\n")
      exit(ExitStatus.usage.rawValue)
    }
  }
}
