import ArgumentParser
import Specs

/// `runner explain SPEC`: the resolved spec with every default filled and where each value came from.
struct ExplainCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Print the resolved spec, each value marked default, file:line or override.",
    discussion: "The output is itself a valid spec: fed back, it resolves to the same spec.")

  @Argument(help: "The spec file.")
  var specFile: String

  @Flag(help: "Print the canonical resolved spec without origin comments (what runs write).")
  var canonical = false

  @OptionGroup var spec: SpecCommandOptions

  func run() async throws {
    let console = spec.console
    do {
      let loaded = try SpecLoader.load(file: specFile, options: spec.loaderOptions)
      if !loaded.warnings.isEmpty { console.error(spec.render(loaded.warnings)) }
      console.out(canonical ? SpecWriter.canonical(loaded.spec) : SpecWriter.explain(loaded))
    } catch {
      console.error(spec.render(error.diagnostics))
      throw ArgumentParser.ExitCode(error.exitCode)
    }
  }
}
