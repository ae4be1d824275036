import ArgumentParser
import CommandLineOptions
import Conventions
import Foundation
import Pipeline
import Reports

/// `bench ls`: `runner ls` (find, read and sort every run) over a results folder holding 3 runs
/// and a 24-trial sweep, built from copies of `results/baseline/` (real files of the real
/// sizes), against the 100 ms budget. Printed beside a peer reading the same folder's
/// `summary.csv` files: pandas (`glob` + `read_csv` + `concat`) when installed, else Python's
/// `csv` module.
struct LsBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ls",
    abstract: "Time `runner ls` over 3 runs and a 24-trial sweep (budget: 100 ms).")

  @OptionGroup var blas: BLASKernelOption

  @Option(help: "The committed baseline results the fixture is copied from.")
  var baseline = "results/baseline"

  @Option(name: .customLong("repeat"), help: "Timed listings (the median is printed).")
  var repetitions = 25

  @Flag(help: "Skip the Python peer.")
  var noPeer = false

  static let budgetMilliseconds = 100.0

  func run() async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bench-ls-\(getpid())", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.makeFixture(from: URL(fileURLWithPath: baseline), into: root)
    #if DEBUG
      print(
        "bench ls: note: this is a debug build; the 100 ms budget is for `swift build -c release`")
    #endif
    var rows = 0
    let time = try LsBenchTiming.median(repetitions) {
      let listing = try RunListing(
        runs: ResultsIndex.runs(under: root, answering: ["test_accuracy"])
      )
      .sorted(by: "test_accuracy", descending: true)
      rows = listing.runs.count
      _ = try listing.rendered(.table)
    }
    let verdict = time < Self.budgetMilliseconds ? "within" : "OVER"
    print(
      String(
        format:
          "bench ls: %d rows (3 runs + a 24-trial sweep), median of %d: %.2f ms: "
          + "%@ the %.0f ms budget %@",
        rows, repetitions, time, verdict, Self.budgetMilliseconds, BenchEnvironment.tag))
    fflush(nil)
    if !noPeer { peer(root) }
  }

  /// 3 single runs and one 24-trial sweep (trial folders copied from the baseline's grid sweep,
  /// each under a new ID) in `root`.
  static func makeFixture(from baseline: URL, into root: URL) throws {
    let fm = FileManager.default
    try fm.createDirectory(at: root, withIntermediateDirectories: true)
    for run in ["cat", "xor-mlp-sigmoid", "sine-mlp-huber"] {
      try fm.copyItem(
        at: baseline.appendingPathComponent(run), to: root.appendingPathComponent(run))
    }
    let source = baseline.appendingPathComponent("moons-mlp-grid-sweep")
    let plan = try CSVTable(contentsOf: source.appendingPathComponent("plan.csv"))
    let sweep = root.appendingPathComponent("moons-24", isDirectory: true)
    var lines = [plan.header.joined(separator: ",")]
    for index in 0..<24 {
      let row = plan.rows[index % plan.rows.count]
      let id = String(format: "%012x", 0xa0_0000_0000 + index)
      let trial = sweep.appendingPathComponent(id)
      try fm.createDirectory(at: sweep, withIntermediateDirectories: true)
      try fm.copyItem(at: source.appendingPathComponent(row[0]), to: trial)
      try "trial,status,reason\n\(id),ok,\n".write(
        to: trial.appendingPathComponent("status.csv"), atomically: true, encoding: .utf8)
      lines.append(([id] + row.dropFirst()).joined(separator: ","))
    }
    try (lines.joined(separator: "\n") + "\n").write(
      to: sweep.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
  }

  private func peer(_ root: URL) {
    let script = """
      import glob, sys, time
      root = sys.argv[1]
      try:
          import pandas as pd
          def load():
              files = sorted(glob.glob(root + "/**/summary.csv", recursive=True))
              frames = [pd.read_csv(f).assign(path=f) for f in files]
              return pd.concat(frames).sort_values("test_accuracy", ascending=False)
          name = "pandas %s (glob + read_csv + concat + sort_values)" % pd.__version__
      except ImportError:
          import csv
          def load():
              rows = []
              for f in sorted(glob.glob(root + "/**/summary.csv", recursive=True)):
                  with open(f) as h: rows += list(csv.DictReader(h))
              return sorted(rows, key=lambda r: r.get("test_accuracy") or "", reverse=True)
          name = "python csv module (glob + DictReader + sorted; pandas not installed)"
      load(); times = []
      for _ in range(25):
          t = time.perf_counter(); load(); times.append(time.perf_counter() - t)
      times.sort()
      count = len(glob.glob(root + "/**/summary.csv", recursive=True))
      print("peer: %s, %d summary.csv files, median %.2f ms" % (name, count, times[12] * 1e3))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, root.path]
    process.environment = BenchEnvironment.peerEnvironment
    do {
      try process.run()
      process.waitUntilExit()
    } catch {
      print("peer: python3 not available")
    }
  }
}

/// The median wall time of repeated runs, in milliseconds.
enum LsBenchTiming {
  /// The median of `repetitions` timed runs of `body` (after one warm-up run), in ms.
  static func median(_ repetitions: Int, _ body: () throws -> Void) throws -> Double {
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
}
