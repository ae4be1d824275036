import Datasets
import Engine
import Foundation
import Reports

/// Reads a `TrainingCheckpoint` back from the checked contents of `checkpoint/`'s files
/// (`CheckpointFiles`); every value that is missing or does not parse is a `CheckpointProblem`.
struct CheckpointDecoder {
  /// File name → bytes, as the manifest lists them.
  let contents: [String: Data]

  func checkpoint() throws(CheckpointProblem) -> TrainingCheckpoint {
    let state = try keyValues()
    func value(_ key: String) throws(CheckpointProblem) -> String {
      guard let v = state[key] else { throw CheckpointProblem("state.csv has no \(key)") }
      return v
    }
    func integer(_ key: String) throws(CheckpointProblem) -> Int {
      guard let n = Int(try value(key)), n >= 0 else {
        throw CheckpointProblem("state.csv's \(key) is not a count")
      }
      return n
    }
    guard try value("format") == CheckpointFiles.format else {
      throw CheckpointProblem("its format is not \(CheckpointFiles.format)")
    }
    guard let dtype = DType(rawValue: try value("dtype")) else {
      throw CheckpointProblem("state.csv's dtype is unknown")
    }
    let models = try integer("models")
    let recorded = try value("recorded_steps")
    let recordedSteps = recorded == "none" ? nil : try counts(recorded, "recorded_steps")
    func optionals(_ key: String) throws(CheckpointProblem) -> [Double?] {
      try value(key).split(separator: " ").map { (text) throws(CheckpointProblem) -> Double? in
        if text == "none" { return nil }
        guard let d = Double(text) else { throw CheckpointProblem("state.csv's \(key) is bad") }
        return d
      }
    }
    let starts = try optionals("divergence_starts")
    // A checkpoint of an earlier version has no step peaks: unknown for the run going on.
    let peaks = state["step_peaks"] == nil ? nil : try optionals("step_peaks")
    var sessions: [TrainingCheckpoint.Session] = []
    for i in 0..<models {
      var session = TrainingCheckpoint.Session(steps: try integer("model\(i)_steps"))
      let prefix = "model\(i)_"
      for name in contents.keys.sorted() where name.hasPrefix(prefix) && name.hasSuffix(".npy") {
        let key = String(name.dropFirst(prefix.count).dropLast(4))
        switch try array(name).storage {
        case .float64(let values): session.reals[key] = values
        case .uint64(let values): session.integers[key] = values
        default: throw CheckpointProblem("\(name) is neither float64 nor uint64")
        }
      }
      sessions.append(session)
    }
    var early: TrainingCheckpoint.EarlyStoppingState?
    if state["early_score"] != nil {
      guard let score = Double(try value("early_score")),
        let stopped = Bool(try value("early_stopped"))
      else { throw CheckpointProblem("state.csv's early stopping is bad") }
      let best = try (0..<models).map { (i) throws(CheckpointProblem) -> [Double] in
        guard case .float64(let values) = try array("best\(i).npy").storage else {
          throw CheckpointProblem("best\(i).npy is not float64")
        }
        return values
      }
      early = TrainingCheckpoint.EarlyStoppingState(
        score: score, iteration: try integer("early_iteration"),
        sinceBest: try integer("early_since_best"), stopped: stopped, parameters: best)
    }
    return TrainingCheckpoint(
      units: try integer("units"), fingerprint: try value("fingerprint"), dtype: dtype,
      trainRows: try integer("train_rows"), trainHash: (try? value("train_hash")) ?? "",
      records: try records(), recordedSteps: recordedSteps,
      divergenceStarts: starts, stepPeaks: peaks, earlyStopping: early, sessions: sessions)
  }

  /// `state.csv` as a dictionary.
  func keyValues() throws(CheckpointProblem) -> [String: String] {
    guard let data = contents["state.csv"] else { throw CheckpointProblem("state.csv is missing") }
    let table = try CheckpointFiles.table(data, "state.csv", columns: 2)
    return Dictionary(table.rows.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
  }

  /// The one-dimensional array in `name`.
  func array(_ name: String) throws(CheckpointProblem) -> NDArray {
    guard let data = contents[name] else { throw CheckpointProblem("\(name) is missing") }
    do {
      let array = try data.withUnsafeBytes { try NPYFile.parse($0, origin: name) }
      guard array.rank == 1 else { throw CheckpointProblem("\(name) is not one-dimensional") }
      return array
    } catch let problem as CheckpointProblem {
      throw problem
    } catch {
      throw CheckpointProblem("\(name): \(error)")
    }
  }

  /// Space-separated counts.
  func counts(_ text: String, _ key: String) throws(CheckpointProblem) -> [Int] {
    try text.split(separator: " ").map { (part) throws(CheckpointProblem) -> Int in
      guard let n = Int(part) else { throw CheckpointProblem("state.csv's \(key) is bad") }
      return n
    }
  }

  /// `records.csv` back as records.
  func records() throws(CheckpointProblem) -> [Record] {
    guard let data = contents["records.csv"] else {
      throw CheckpointProblem("records.csv is missing")
    }
    let table = try CheckpointFiles.table(data, "records.csv", columns: 3)
    var fields: [[String: String]] = []
    for row in table.rows {
      guard let index = Int(row[0]), index >= 0, index <= fields.count else {
        throw CheckpointProblem("records.csv is out of order")
      }
      if index == fields.count { fields.append([:]) }
      fields[index][row[1]] = row[2]
    }
    return try fields.map { (f) throws(CheckpointProblem) -> Record in
      func evaluation(_ split: String) throws(CheckpointProblem) -> Evaluation? {
        guard let loss = f["\(split)_loss"] else { return nil }
        var metrics: [Metric: Double] = [:]
        // `train_dev_*` are the train-dev split's, not training metrics named `dev_*`.
        for (key, text) in f
        where key.hasPrefix("\(split)_") && key != "\(split)_loss"
          && (split != "train" || !key.hasPrefix("train_dev_"))
        {
          guard let metric = Metric(rawValue: String(key.dropFirst(split.count + 1))),
            let value = Double(text)
          else { throw CheckpointProblem("records.csv has a bad \(key)") }
          metrics[metric] = value
        }
        guard let value = Double(loss) else { throw CheckpointProblem("a loss is bad") }
        return Evaluation(loss: value, metrics: metrics)
      }
      guard let iteration = f["iteration"].flatMap({ Int($0) }),
        let epoch = f["epoch"].flatMap({ Int($0) }),
        let penalty = f["penalty"].flatMap({ Double($0) }), let train = try evaluation("train")
      else { throw CheckpointProblem("records.csv misses a record's figures") }
      return Record(
        iteration: iteration, epoch: epoch, train: train, trainDev: try evaluation("train_dev"),
        dev: try evaluation("dev"), test: try evaluation("test"), penalty: penalty)
    }
  }
}
