import Conventions
import Foundation
import Reports

/// The regression gate: re-runs the experiments of `results/baseline/gate.csv` and compares
/// their results with the committed baselines in `results/baseline/<name>/`.
///
/// When the fresh run's numeric environment (`environment.csv`, `numeric_environment`) is the
/// baseline's, the files must be identical byte for byte; otherwise they are compared within
/// the entry's tolerances (`GateEntry.toleranceOptions`). Timings and environment records are
/// never compared.
public struct RegressionGate: Sendable {
  /// The project root (the folder holding `results/baseline/`).
  public let root: URL

  /// A gate over the baselines under `root/results/baseline/`.
  public init(root: URL) { self.root = root }

  /// The baselines' folder, relative to the project root.
  public static let baselineFolder = "results/baseline"

  /// `results/baseline/`.
  public var baselineRoot: URL { root.appendingPathComponent(Self.baselineFolder) }

  /// The manifest's entries.
  public func entries() throws(GateError) -> [GateEntry] {
    try GateEntry.load(baselineRoot.appendingPathComponent(GateEntry.manifestFile))
  }

  /// The committed results of `entry`.
  public func baseline(_ entry: GateEntry) -> URL {
    baselineRoot.appendingPathComponent(entry.name)
  }

  /// Runs `entry`'s spec under `resultsRoot` and returns its results folder. Sweeps run whole,
  /// whatever shard variables the environment holds.
  public func runFresh(
    _ entry: GateEntry, resultsRoot: URL,
    environment: [String: String] = ProcessInfo.processInfo
      .environment
  ) throws(GateRunFailure) -> URL {
    let spec = root.appendingPathComponent(entry.spec).path
    let run = RunOptions(environment: environment, resultsRoot: resultsRoot.path)
    if entry.command == "sweep" {
      do {
        let outcome = try SweepRunner.run(
          specPath: spec, options: SweepOptions(run: run, jobs: 2, shard: "0/1"))
        return URL(fileURLWithPath: outcome.directory)
      } catch {
        throw GateRunFailure(description: error.description, exitCode: error.exitCode)
      }
    }
    do {
      return URL(fileURLWithPath: try ExperimentRunner.run(specPath: spec, options: run).directory)
    } catch {
      throw GateRunFailure(description: error.description, exitCode: error.exitCode)
    }
  }

  /// Compares `fresh` with `entry`'s baseline; a baseline file that cannot be read is one of
  /// the differences (`missingBaseline` says whether there is a baseline at all). A baseline
  /// that differs and was recorded by another runner version says so last (`versionLine`).
  public func check(_ entry: GateEntry, fresh: URL) throws(GateError) -> GateVerdict {
    let verdict = try compare(entry, fresh: fresh)
    guard !verdict.passed, let line = Self.versionLine(baseline(entry), entry: entry.name) else {
      return verdict
    }
    return GateVerdict(
      entry: entry, comparison: verdict.comparison, differences: verdict.differences + [line])
  }

  /// `check` without the runner versions' line.
  private func compare(_ entry: GateEntry, fresh: URL) throws(GateError) -> GateVerdict {
    let baseline = self.baseline(entry)
    let (old, new) = (
      RunEnvironment.numericEnvironment(of: baseline), RunEnvironment.numericEnvironment(of: fresh)
    )
    if let old, old == new {
      var differences = try Self.byteDifferences(baseline, fresh)
      if !differences.isEmpty, let paired = Self.pairedTrials(baseline, fresh) {
        differences = paired
      }
      return GateVerdict(
        entry: entry, comparison: .bytes(environment: old), differences: differences)
    }
    let diff: ResultsDiff
    do {
      diff = try ResultsDiff(
        baseline, fresh, options: entry.toleranceOptions, specReader: SpecParameters.reader)
    } catch {
      // A damaged baseline fails its entry, the others are still checked; the error names the
      // file it could not read (the baseline's, not the fresh run's folder).
      return GateVerdict(
        entry: entry, comparison: .tolerance(baseline: old ?? "unknown", fresh: new ?? "unknown"),
        differences: ["cannot compare: \(error.description)"])
    }
    // A spec edit that was not re-recorded fails on every machine, not only the baseline's.
    var differences = diff.specChanges.flatMap { change in
      change.files.map { "\($0): \(change.summary)" }
    }
    differences += diff.files.filter(\.differs).map { $0.rendered(sides: .baselineAndFresh) }
    differences += diff.onlyInA.map { "\($0): only in the baseline" }
    differences += diff.onlyInB.map { "\($0): only in the fresh results" }
    return GateVerdict(
      entry: entry, comparison: .tolerance(baseline: old ?? "unknown", fresh: new ?? "unknown"),
      differences: differences)
  }
}
