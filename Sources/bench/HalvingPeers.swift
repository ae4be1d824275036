import Datasets
import Engine
import Foundation
import Pipeline
import Specs

/// The Python peers of `bench halving` (scripts/bench/halving_peers.py: Optuna's TPE with its
/// successive-halving pruner, scikit-learn's HalvingGridSearchCV): the runner's own split of
/// the spec's data is written to CSV files for them, so every search sees the same rows.
enum HalvingPeers {
  static let script = "scripts/bench/halving_peers.py"
  static let names = [
    "optuna": "Optuna TPE + SuccessiveHalvingPruner",
    "halving_grid": "scikit-learn HalvingGridSearchCV",
  ]

  /// Runs the peers with `python` on the spec's split; a peer that cannot run comes back
  /// `unavailable` with the reason.
  static func run(
    python: String, specPath: String, space: HalvingSpace, budgetEpochs: Int, jobs: Int,
    seed: Int, directory: URL
  ) -> [HalvingSearch] {
    func allUnavailable(_ reason: String) -> [HalvingSearch] {
      names.values.sorted().map { HalvingSearch.unavailable($0, reason) }
    }
    guard let spaceJSON = space.peerSpaceJSON else {
      return allUnavailable(
        "the peers train only the axes \(HalvingSpace.peerKeys.keys.sorted().joined(separator: ", "))"
      )
    }
    guard FileManager.default.fileExists(atPath: script) else {
      return allUnavailable("\(script) not found (run from the project folder)")
    }
    do {
      try writeSplit(specPath: specPath, space: space, into: directory)
    } catch {
      return allUnavailable("could not write the split for the peers: \(error)")
    }
    var environment = BenchEnvironment.peerEnvironment
    // One BLAS thread per training, as the runner's trials.
    for key in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] {
      environment[key] = "1"
    }
    let arguments = [
      python, script, "--data", directory.path, "--space", spaceJSON,
      "--min", "\(space.budget.lowerBound)", "--max", "\(space.budget.upperBound)",
      "--eta", "\(space.eta)", "--budget-epochs", "\(budgetEpochs)", "--seed", "\(seed)",
      "--jobs", "\(jobs)",
    ]
    let (status, output, errors) = shell(arguments, environment: environment)
    guard status == 0, let line = output.split(separator: "\n").last,
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
      let peers = object["peers"] as? [[String: Any]]
    else {
      let reason = errors.split(separator: "\n").last.map(String.init) ?? "exit \(status)"
      return allUnavailable("\(python) \(script) failed: \(reason)")
    }
    return peers.map(HalvingSearch.peer)
  }

  /// `train.csv`, `dev.csv`, `test.csv`: the runner's split of the spec's named dataset after
  /// its preprocessing, the features then the class index.
  static func writeSplit(specPath: String, space: HalvingSpace, into directory: URL) throws {
    let spec = space.base
    guard case .named(let named) = spec.dataset.source else {
      throw BenchHalvingError("the peers need a named dataset (dataset: {name: …})")
    }
    let context = try ProjectContext(
      specPath: specPath, environment: ProcessInfo.processInfo.environment, resultsRoot: nil)
    let configuration = DataConfiguration(
      split: try SplitPlan(source: .named(named.rawValue, part: .train), spec.dataset.split),
      preprocessing: spec.dataset.preprocessing, target: .classification(classCount: nil),
      seed: spec.dataset.split.seed)
    let data = try DataLoader(locator: context.locator).prepare(configuration, as: Double.self)
    guard let dev = data.dev, let test = data.test else {
      throw BenchHalvingError("the spec's split needs a dev and a test part")
    }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for part in [data.train, dev, test] {
      var text = ""
      let x = part.features
      for r in 0..<x.rows {
        for c in 0..<x.cols { text += "\(x[r, c])," }
        text += "\(part.classIndices?[r] ?? -1)\n"
      }
      try text.write(
        to: directory.appendingPathComponent("\(part.name).csv"), atomically: true,
        encoding: .utf8)
    }
  }

  /// Runs `arguments` through `/usr/bin/env`: exit status, standard output and error.
  static func shell(_ arguments: [String], environment: [String: String]) -> (
    Int32, String, String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch { return (127, "", "\(arguments[0]): \(error)") }
    // Read both pipes to their end before waiting, so that a full pipe never blocks the peer.
    let errorData = LockedData()
    let reader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.done { usleep(1000) }
    return (
      process.terminationStatus, String(decoding: output, as: UTF8.self),
      String(decoding: errorData.data, as: UTF8.self)
    )
  }
}

/// Bytes one thread writes once and another reads after `done`.
final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var stored = Data()
  private var finished = false
  func set(_ data: Data) { lock.withLock { (stored, finished) = (data, true) } }
  var done: Bool { lock.withLock { finished } }
  var data: Data { lock.withLock { stored } }
}
