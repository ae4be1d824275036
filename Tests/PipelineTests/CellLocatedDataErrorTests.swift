import Engine
import Foundation
import Testing

@testable import Datasets
@testable import Pipeline

/// Data refusals name the cell that causes them (tester V1, V2, V14): the file's line, the
/// column's name and the value, not "row 3 of the training split" or "feature 0"; and a value
/// the Gram fast path squares to ∞ diverges at iteration 1 as on the plain path (V3), not
/// "training cannot start" beside a finite initial loss.
@Suite struct CellLocatedDataErrorTests {
  /// A table `a,b,target` of 20 rows (labels 0, 1, 2 in turn) with `cell` written over the
  /// cell of data row `row` (1-based; file line `row + 1`) in column `column`.
  static func table(_ folder: URL, row: Int, column: Int, cell: String) throws -> String {
    var lines = ["a,b,target"]
    for i in 1...20 {
      var cells = ["\(Double(i) / 10)", "\(Double(20 - i) / 7)", "\(i % 3)"]
      if i == row { cells[column] = cell }
      lines.append(cells.joined(separator: ","))
    }
    let path = folder.appendingPathComponent("t.csv").path
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// The message of the first error `runner validate`'s data check gives for `spec`.
  static func refusal(_ spec: String, in folder: URL) throws -> String? {
    let path = try TestProject.writeSpec(spec, in: folder)
    do {
      try TestProject.checkData(path, in: folder)
    } catch let error as PipelineError {
      return error.diagnostics?.first { $0.severity == .error }?.message
    }
    return nil
  }

  static func spec(
    dtype: String = "float64", preprocessing: String = "[]", split: String = "seed: 1"
  ) -> String {
    """
    name: cells
    dtype: \(dtype)
    dataset: {file: t.csv, target: target, split: {train: 0.8, test: 0.2, \(split)}, preprocessing: \(preprocessing)}
    model: {type: logreg, multiclass: softmax}
    loss: cross_entropy
    optimizer: {type: gd, learning_rate: 0.1, iterations: 5}

    """
  }

  @Test func aLabelThatMakesTooManyClassesIsNamedByItsLineAndTheOthersRange() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try Self.table(folder, row: 3, column: 2, cell: "100000")
    let message = try Self.refusal(Self.spec(), in: folder)
    #expect(
      message
        == "the labels make 100001 classes (the largest is 100000, at \(path), line 4, column "
        + "'target'; the other labels are 0 to 2), more than the 16 rows of the training set")
  }

  /// In the training rows or in a held-out part alike (the split is shuffled).
  @Test(arguments: ["seed: 1", "shuffle: false"])
  func aFloat32OverflowIsNamedByLineColumnAndValue(split: String) throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try Self.table(folder, row: 5, column: 1, cell: "1e39")
    let message = try Self.refusal(Self.spec(dtype: "float32", split: split), in: folder)
    #expect(
      message
        == "\(path) (line 6, column 'b'): 1e+39 is beyond float32's range (±3.4028235e+38): "
        + "rescale the column or use dtype: float64")
  }

  /// standardize over 1e308 was refused ("its std … is not finite: rescale the data") while the
  /// help of a diverged run sends the user to standardize: its statistics are now computed on
  /// power-of-two scaled columns, and the data is taken (tester AX F14).
  @Test func standardizeOverAHugeValueIsTaken() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Self.table(folder, row: 3, column: 0, cell: "1e308")
    let message = try Self.refusal(
      Self.spec(preprocessing: "[standardize]", split: "shuffle: false"), in: folder)
    #expect(message == nil)
  }

  @Test func aLongLabelIsEchoedShort() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try Self.table(folder, row: 2, column: 2, cell: String(repeating: "9", count: 400))
    let message = try Self.refusal(Self.spec(), in: folder)
    #expect(
      message
        == "\(path) (line 3, column 'target'): label \(String(repeating: "9", count: 60))…(400 "
        + "characters) is not a class: a classifier's labels are integers 0..k-1 or names (for "
        + "a real-valued target, make the task a regression)")
  }

  /// A float64 `.npy` of `rows` × `cols` values.
  static func npy(_ url: URL, _ values: [Double], shape: [Int]) throws {
    let dims =
      shape.count == 1 ? "(\(shape[0]),)" : "(\(shape.map(String.init).joined(separator: ", ")))"
    var header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(dims), }"
    header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
    var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
    data.append(contentsOf: [UInt8(header.utf8.count & 0xff), UInt8(header.utf8.count >> 8)])
    data.append(contentsOf: Array(header.utf8))
    for v in values {
      withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) }
    }
    try data.write(to: url)
  }

  /// Few samples of many features take the Gram path; a pixel of 1e300 squares to ∞ there.
  /// The records say the initial loss is ln 2, so the run diverges at iteration 1 (`nan`, not
  /// `-nan`), as the plain path and a CSV of the same values say.
  @Test func aHugeValueOnTheGramPathDivergesAtIterationOne() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (m, n) = (4, 10)
    var x = (0..<(m * n)).map { Double($0 % 7) / 7 }
    x[3] = 1e300
    try Self.npy(folder.appendingPathComponent("x.npy"), x, shape: [m, n])
    try Self.npy(folder.appendingPathComponent("y.npy"), [0, 1, 0, 1], shape: [m])
    let spec = try TestProject.writeSpec(
      """
      name: gram
      dtype: float64
      dataset: {file: x.npy, target_file: y.npy}
      model: {type: logreg, init: zeros}
      loss: binary_cross_entropy
      optimizer: {type: gd, learning_rate: 0.005, iterations: 3}
      record_every: 1

      """, in: folder)
    let error = #expect(throws: PipelineError.self) {
      try TestProject.run(spec, resultsRoot: folder)
    }
    guard case .diverged(let divergence, let directory, _, _, _) = error else {
      Issue.record("expected a divergence, got \(String(describing: error))")
      return
    }
    #expect(
      divergence.description
        == "training diverged at iteration 1: the loss became nan (try a smaller learning_rate)")
    let metrics = try TestProject.table(directory, "metrics.csv")
    let first = try #require(TestProject.numbers(metrics, "train_loss").first)
    #expect(abs(first - log(2.0)) < 1e-12)
  }

  /// Inputs ×1e30 in float32 throw the weights to 1e29 in one momentum step: every ReLU dies,
  /// the loss settles at ln 3, and the objective (loss + weight decay's penalty) is ∞. The
  /// optimizer minimizes the objective, so the run diverged (tester U3), not "completed".
  @Test func anInfiniteObjectiveBesideAFiniteLossIsADivergence() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try TestProject.writeSpec(
      """
      name: objective
      seed: 0
      dtype: float32
      dataset: {file: \(TestProject.root.appendingPathComponent("experiments/data/iris.csv").path), target: target, preprocessing: [{scale: 1.0e+30}]}
      model:
        type: mlp
        layers: [{units: 3, activation: relu}, {units: 3, activation: softmax}]
        init:
          type: explicit
          layers:
          - weights: [[0.22, -0.17, 1.2], [-0.13, 0.05, 0.79], [-0.45, -0.3, 0.09], [-0.16, -0.6, -0.1]]
            bias: [-0.04, 0.06, -0.17]
          - weights: [[-0.4, 0.66, 1.07], [-0.87, 0.37, -0.57], [-0.49, -0.5, -0.24]]
            bias: [0.1, 0.07, 0.006]
      loss: cross_entropy
      optimizer: {type: momentum, learning_rate: 0.01, weight_decay: 0.001, momentum: 0.5, epochs: 8, batch_size: 16, shuffle: false}
      metrics: [accuracy]

      """, in: folder)
    let error = #expect(throws: PipelineError.self) {
      try TestProject.run(spec, resultsRoot: folder)
    }
    guard case .diverged(let divergence, let directory, _, _, _) = error else {
      Issue.record("expected a divergence, got \(String(describing: error))")
      return
    }
    #expect(divergence.dataLoss?.isFinite == true)
    #expect(
      divergence.description.hasPrefix(
        "training diverged at epoch 1 (iteration 10): the objective train_cost became inf (the "
          + "loss "), "\(divergence)")
    let summary = try TestProject.table(directory, "summary.csv")
    #expect(summary.column("stop_reason") == [divergence.description])
  }
}
