import ArgumentParser
import Pipeline

/// `bench`: benchmarks that print figures beside a peer (numpy, PyTorch, mlxtend) measured in the
/// same invocation. Run on an idle machine, one benchmark at a time.
@main
struct Bench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Benchmarks: figures beside a peer measured in the same invocation.",
    subcommands: [
      CatBench.self, MLPBench.self, DataBench.self, SpecBench.self, BootstrapBench.self,
      LsBench.self, HalvingBench.self,
    ]
  )

  /// Chooses the BLAS kernel by the runner's policy (re-executing when needed) first.
  static func main() async {
    BLASKernelSetup.configureProcess()
    await main(nil)
  }
}
