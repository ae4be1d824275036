import ArgumentParser
import CommandLineOptions
import Foundation
import Pipeline

/// `runner env`: the environment a run made now would record (`environment.csv`).
struct EnvCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "env",
    abstract: "Print what a run would record in environment.csv (runner, CPU, BLAS kernel).",
    discussion: """
      With --kernel, print only the BLAS kernel the policy chose for this process (what \
      scripts pass on as OPENBLAS_CORETYPE).
      """)

  @Flag(help: "Print only the BLAS kernel in use.")
  var kernel = false

  @OptionGroup var blas: BLASKernelOption

  func run() throws {
    let environment = RunEnvironment.current(
      specDirectory: FileManager.default.currentDirectoryPath, threads: 1)
    if kernel {
      Console().out(environment["blas_kernel"] ?? "")
      return
    }
    let width = environment.fields.map(\.key.count).max() ?? 0
    let console = Console()
    if let note = BLASThreadVariables.note(
      threads: 1, cpus: ExperimentRunner.cpuCount,
      environment: ProcessInfo.processInfo.environment,
      source: "the spec's threads (1 by default, as blas_threads shows)")
    {
      console.error(note)
    }
    for (key, value) in environment.fields {
      console.out(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
    }
  }
}
