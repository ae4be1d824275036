import ArgumentParser
import CommandLineOptions
import Foundation
import Pipeline
import Specs

/// `bench spec`: parse and validate every spec in a directory (default `experiments/`), the
/// median of repeated loads each, against the 20 ms budget per spec. A sweep spec is
/// also expanded into its trials (each one decoded and validated), timed separately. Printed
/// beside PyYAML's `safe_load` of the same files (parsing only, no validation) when python3 with
/// PyYAML is present.
struct SpecBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spec",
    abstract: "Time parsing and validating every spec in experiments/ (budget: 20 ms each).")

  @OptionGroup var blas: BLASKernelOption

  @Option(help: "Directory of specs.")
  var directory = "experiments"

  @Option(name: .customLong("repeat"), help: "Timed loads per spec (the median is printed).")
  var repetitions = 25

  @Flag(help: "Skip the PyYAML peer.")
  var noPeer = false

  static let budgetMilliseconds = 20.0

  func run() async throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
      $0.hasSuffix(".yaml")
    }.sorted()
    #if DEBUG
      print(
        "bench spec: note: this is a debug build; the 20 ms budget is for `swift build -c release`")
    #endif
    print(
      "bench spec: \(names.count) specs in \(directory)/, median of \(repetitions) loads each (read + parse + validate) \(BenchEnvironment.tag)"
    )
    var worst = 0.0
    var total = 0.0
    for name in names {
      let path = directory + "/" + name
      let load = try median { _ = try SpecLoader.load(file: path) }
      var line = "  " + name.padding(toLength: max(36, name.count), withPad: " ", startingAt: 0)
      line += String(format: " %7.3f ms", load)
      if try SpecLoader.load(file: path).spec.sweep != nil {
        var trials = 0
        let plan = try median { trials = try SweepPlanner.plan(file: path).trials.count }
        line += String(format: "   sweep plan (%d trials): %7.3f ms", trials, plan)
      }
      print(line)
      worst = max(worst, load)
      total += load
    }
    let verdict = worst < Self.budgetMilliseconds ? "within" : "OVER"
    print(
      String(
        format: "slowest %.3f ms, mean %.3f ms: %@ the %.0f ms budget", worst,
        total / Double(max(names.count, 1)), verdict, Self.budgetMilliseconds))
    if !noPeer { peer(names.map { directory + "/" + $0 }) }
  }

  /// The median wall time of `repetitions` runs of `body`, in milliseconds (after one warm-up run).
  private func median(_ body: () throws -> Void) throws -> Double {
    try body()
    var times: [Double] = []
    for _ in 0..<max(repetitions, 1) {
      let start = ContinuousClock.now
      try body()
      let elapsed = ContinuousClock.now - start
      times.append(
        Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
    }
    times.sort()
    return times[times.count / 2]
  }

  private func peer(_ paths: [String]) {
    let script = """
      import sys, time
      try:
          import yaml
      except ImportError:
          print("peer: PyYAML not installed"); sys.exit(0)
      loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
      worst = 0.0
      for path in sys.argv[1:]:
          text = open(path).read()
          times = []
          for _ in range(25):
              t = time.perf_counter(); yaml.load(text, Loader=loader); times.append(time.perf_counter() - t)
          times.sort(); worst = max(worst, times[len(times) // 2])
      print("peer: PyYAML %s (%s) parse only, slowest median %.3f ms" % (yaml.__version__, loader.__name__, worst * 1e3))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + paths
    do {
      try process.run()
      process.waitUntilExit()
    } catch {
      print("peer: python3 not available")
    }
  }
}
