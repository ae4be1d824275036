import ArgumentParser
import CommandLineOptions
import Specs

/// Options shared by the commands that read specs.
struct SpecCommandOptions: ParsableArguments {
  @Option(
    name: .customLong("set"),
    help: ArgumentHelp(
      "Override a spec value, e.g. --set optimizer.learning_rate=0.01; remove a key with "
        + "--set '~key.path'", valueName: "key.path=value")
  )
  var overrides: [String] = []

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  @Flag(
    name: .customLong("allow-outside-results"),
    help: "Allow `name`/`output` to write outside the results folder.")
  var allowOutsideResults = false

  @Option(help: "Colour: auto, always or never (NO_COLOR also turns it off).")
  var color: Console.ColorChoice = .auto

  @OptionGroup var blas: BLASKernelOption

  var loaderOptions: SpecOptions {
    SpecOptions(overrides: overrides, strict: strict, allowOutsideResults: allowOutsideResults)
  }

  /// These options, as typed, that a command the runner prints for the user to paste repeats
  /// (they decide what runs and how strictly): `--strict`, `--allow-outside-results` and
  /// `--blas-kernel`; the `--set`s and `--color` aside.
  var repeated: [String] {
    var options: [String] = []
    if strict { options.append("--strict") }
    if allowOutsideResults { options.append("--allow-outside-results") }
    if let policy = blas.policy { options += ["--blas-kernel", policy] }
    return options
  }
}

extension Console.ColorChoice: ExpressibleByArgument {}
