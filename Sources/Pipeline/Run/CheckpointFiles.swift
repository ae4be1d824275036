import Conventions
import Datasets
import Engine
import Foundation
import Reports

/// A `TrainingCheckpoint` as files in a results folder's `checkpoint/` (docs/results.md): one
/// `.npy` per array of each model's state (`model<i>_<name>.npy`, float64 or uint64; early
/// stopping's best parameters as `best<i>.npy`), `state.csv` (`key,value`: the loop's counters,
/// the configuration's fingerprint, the numeric environment it was saved in, …), `records.csv`
/// (`record,field,value`: the records so far) and, written last, `manifest.csv`
/// (`file,bytes,fnv1a` of every other file). Numbers are written in their shortest round-trip
/// form, so reading gives back every bit.
///
/// `read` trusts nothing: a missing, truncated or altered file, or values that do not parse,
/// give the reason, and the caller trains from the start instead.
enum CheckpointFiles {
  /// The folder inside a results directory.
  static let folder = "checkpoint"
  /// The version of this layout (`state.csv`'s `format`).
  static let format = "1"

  /// The files of `checkpoint`, saved in `numericEnvironment` (`RunEnvironment`'s value for
  /// this run), paths relative to the results folder, the manifest last.
  static func files(_ checkpoint: TrainingCheckpoint, numericEnvironment: String)
    -> [(path: String, bytes: Data)]
  {
    var files: [(String, Data)] = []
    func array(_ name: String, _ storage: ArrayStorage) {
      let shaped = try! NDArray(shape: [storage.count], storage: storage, origin: name)
      files.append((name, Data(NPYFile.encode(shaped))))
    }
    var state = [
      ("format", format), ("units", String(checkpoint.units)),
      ("fingerprint", checkpoint.fingerprint), ("dtype", checkpoint.dtype.rawValue),
      ("train_rows", String(checkpoint.trainRows)), ("train_hash", checkpoint.trainHash),
      ("models", String(checkpoint.sessions.count)),
      ("recorded_steps", checkpoint.recordedSteps.map(joined) ?? "none"),
      ("divergence_starts", joined(checkpoint.divergenceStarts.map { $0.map(text) ?? "none" })),
      (RunEnvironment.numericKey, numericEnvironment),
    ]
    if let peaks = checkpoint.stepPeaks {
      state.append(("step_peaks", joined(peaks.map { $0.map(text) ?? "none" })))
    }
    for (i, session) in checkpoint.sessions.enumerated() {
      state.append(("model\(i)_steps", String(session.steps)))
      for (name, values) in session.reals.sorted(by: { $0.key < $1.key }) {
        array("model\(i)_\(name).npy", .float64(values))
      }
      for (name, values) in session.integers.sorted(by: { $0.key < $1.key }) {
        array("model\(i)_\(name).npy", .uint64(values))
      }
    }
    if let early = checkpoint.earlyStopping {
      state += [
        ("early_score", text(early.score)), ("early_iteration", String(early.iteration)),
        ("early_since_best", String(early.sinceBest)), ("early_stopped", String(early.stopped)),
      ]
      for (i, theta) in early.parameters.enumerated() { array("best\(i).npy", .float64(theta)) }
    }
    var table = try! CSVTable(header: ["key", "value"])
    for (key, value) in state { try! table.append(text: [key, value]) }
    files.append(("state.csv", Data(table.rendered.utf8)))
    files.append(("records.csv", Data(records(checkpoint.records).rendered.utf8)))
    var manifest = try! CSVTable(header: ["file", "bytes", "fnv1a"])
    for (name, bytes) in files {
      try! manifest.append(text: [name, String(bytes.count), checksum(bytes)])
    }
    files.append(("manifest.csv", Data(manifest.rendered.utf8)))
    return files.map { ("\(folder)/\($0.0)", $0.1) }
  }

  /// The checkpoint saved in `directory` (a `checkpoint/` folder), or why it cannot be used.
  static func read(_ directory: URL) -> Result<SavedCheckpoint, CheckpointProblem> {
    func file(_ name: String) throws(CheckpointProblem) -> Data {
      let url = directory.appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw CheckpointProblem("\(url.path) is missing")
      }
      return data
    }
    do throws(CheckpointProblem) {
      guard FileManager.default.fileExists(atPath: directory.path) else {
        throw CheckpointProblem("there is no \(directory.path)")
      }
      // Every file as the manifest, written last, lists it: nothing missing, cut or changed.
      let manifest = try table(file("manifest.csv"), "manifest.csv", columns: 3)
      var contents: [String: Data] = [:]
      for row in manifest.rows {
        // A manifest entry names a file inside checkpoint/, never a path elsewhere.
        guard ResultsFile.isPlainFolderName(row[0]) else {
          throw CheckpointProblem("\(directory.path)/manifest.csv names '\(row[0])'")
        }
        let data = try file(row[0])
        guard String(data.count) == row[1], checksum(data) == row[2] else {
          throw CheckpointProblem("\(directory.path)/\(row[0]) does not match manifest.csv")
        }
        contents[row[0]] = data
      }
      let decoder = CheckpointDecoder(contents: contents)
      // A checkpoint of an earlier version does not record its numeric environment: the
      // trial folder holding it, written in the same commit, does.
      let environment =
        try decoder.keyValues()[RunEnvironment.numericKey]
        ?? RunEnvironment.read(from: directory.deletingLastPathComponent())?[
          RunEnvironment.numericKey]
      return .success(
        SavedCheckpoint(checkpoint: try decoder.checkpoint(), numericEnvironment: environment))
    } catch {
      return .failure(error)
    }
  }

  /// Removes the checkpoint saved in `directory` (a `checkpoint/` folder): the files its
  /// manifest lists, the manifest, then the folder if nothing else is in it. Anything the
  /// manifest does not name is left alone. A checkpoint the user write-protected (its folder,
  /// a file in it, or the trial folder holding it: `chmod a-w`, held for root too) is left
  /// whole, and the protected entry returned (tester BD F-e: a finished sweep emptied them).
  @discardableResult
  static func remove(_ directory: URL) -> URL? {
    let manifestURL = directory.appendingPathComponent("manifest.csv")
    guard let data = FileManager.default.contents(atPath: manifestURL.path),
      let manifest = try? table(data, "manifest.csv", columns: 3)
    else { return nil }
    if let protected = PlannedWrites(removed: [directory]).firstProtected() {
      return protected.path
    }
    for row in manifest.rows where ResultsFile.isPlainFolderName(row[0]) {
      try? FileManager.default.removeItem(at: directory.appendingPathComponent(row[0]))
    }
    try? FileManager.default.removeItem(at: manifestURL)
    if (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.isEmpty == true {
      try? FileManager.default.removeItem(at: directory)
    }
    return nil
  }

  /// `records.csv`: one row per figure of each record.
  static func records(_ records: [Record]) -> CSVTable {
    var table = try! CSVTable(header: ["record", "field", "value"])
    for (index, record) in records.enumerated() {
      var fields = [
        ("iteration", String(record.iteration)), ("epoch", String(record.epoch)),
        ("penalty", text(record.penalty)),
      ]
      for (split, evaluation) in [
        ("train", record.train), ("train_dev", record.trainDev), ("dev", record.dev),
        ("test", record.test),
      ] {
        guard let evaluation else { continue }
        fields.append(("\(split)_loss", text(evaluation.loss)))
        for (metric, value) in evaluation.metrics.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        {
          fields.append(("\(split)_\(metric.rawValue)", text(value)))
        }
      }
      for (field, value) in fields { try! table.append(text: [String(index), field, value]) }
    }
    return table
  }

  /// The shortest text that reads back as the same double.
  static func text(_ value: Double) -> String { "\(value)" }

  static func joined(_ values: [Int]) -> String { values.map(String.init).joined(separator: " ") }
  static func joined(_ values: [String]) -> String { values.joined(separator: " ") }

  /// 16 hex digits of FNV-1a over the bytes.
  static func checksum(_ data: Data) -> String {
    StableHash.hex(data.withUnsafeBytes { StableHash.fnv1a(bytes: $0) })
  }

  /// A CSV file's table with `columns` columns.
  static func table(_ data: Data, _ name: String, columns: Int) throws(CheckpointProblem)
    -> CSVTable
  {
    guard let text = String(data: data, encoding: .utf8),
      let table = try? CSVTable(parsing: text), table.header.count == columns
    else { throw CheckpointProblem("\(name) is not a checkpoint table") }
    return table
  }
}

/// A checkpoint read back, with the numeric environment it was saved in (nil when unknown).
struct SavedCheckpoint: Sendable {
  var checkpoint: TrainingCheckpoint
  var numericEnvironment: String?
}

/// Why a saved checkpoint cannot be used (the run then trains from the start).
struct CheckpointProblem: Error, Sendable, CustomStringConvertible {
  /// The reason, for the user.
  let description: String
  init(_ description: String) { self.description = description }
}
