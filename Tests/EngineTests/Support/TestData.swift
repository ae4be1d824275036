import Engine
import Foundation

@testable import Datasets

/// Reads the shared datasets for engine tests (the engine itself never touches files).
enum TestData {
  struct Missing: Error, CustomStringConvertible {
    let path: String
    var description: String { "test data not found: \(path)" }
  }

  /// `<repo>/../shared/datasets`, or `$RUNNER_DATA_PATH` when set.
  static var root: URL {
    if let env = ProcessInfo.processInfo.environment["RUNNER_DATA_PATH"] {
      return URL(fileURLWithPath: env.split(separator: ":").first.map(String.init) ?? env)
    }
    return URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("shared/datasets")
  }

  /// The project's bundled data folder (`experiments/data`).
  static var bundled: URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("experiments/data")
  }

  /// Whether `relative` is in the shared datasets (or bundled with the project).
  static func available(_ relative: String) -> Bool { (try? bytes(relative)) != nil }

  /// The file's bytes: from the shared datasets, else the project's bundled copy (inflated
  /// when it is stored gzip-compressed).
  static func bytes(_ relative: String) throws -> Data {
    let url = root.appendingPathComponent(relative)
    if let data = FileManager.default.contents(atPath: url.path) { return data }
    let copy = bundled.appendingPathComponent(relative).path
    for path in [copy, copy + ".gz"] where FileManager.default.fileExists(atPath: path) {
      return try FileBytes.readInflating(path)
    }
    throw Missing(path: url.path)
  }

  /// The payload of a version-1 `.npy` file (header parsed for its length only).
  static func npyPayload(_ relative: String) throws -> Data {
    let data = try bytes(relative)
    precondition(data.prefix(6) == Data([0x93]) + "NUMPY".data(using: .ascii)!, "not an npy file")
    let headerLength = Int(data[8]) | (Int(data[9]) << 8)
    return data.subdata(in: (10 + headerLength)..<data.count)
  }

  /// The cat-vs-non-cat data: images flattened to 12288 values / 255, labels 0/1.
  static func cat<T: Scalar>(_ split: String, as: T.Type = T.self) throws -> Examples<T> {
    let pixels = try npyPayload("catvnoncat/\(split)_x.npy")
    let labelBytes = try npyPayload("catvnoncat/\(split)_y.npy")
    let m = labelBytes.count / 8
    let labels: [Int] = (0..<m).map { i in
      labelBytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: i * 8, as: Int64.self)) }
    }
    let x = Matrix<T>(rows: m, cols: pixels.count / m, storage: pixels.map { T(Double($0) / 255) })
    return Examples(x: x, labels: labels)
  }

  /// A CSV with a header row: every column but the last is a feature, the last is `target`.
  static func csv(_ relative: String) throws -> (header: [String], x: Matrix<Double>, y: [Double]) {
    let text = String(decoding: try bytes(relative), as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    var xs: [Double] = []
    var ys: [Double] = []
    for line in lines {
      let v = line.split(separator: ",").map { Double($0)! }
      xs += v.dropLast()
      ys.append(v.last!)
    }
    return (header, Matrix(rows: ys.count, cols: header.count - 1, storage: xs), ys)
  }

  /// Every column minus its mean, over its population standard deviation (StandardScaler).
  static func standardized(_ raw: Matrix<Double>) -> Matrix<Double> {
    var x = raw
    for j in 0..<x.cols {
      let column = (0..<x.rows).map { raw[$0, j] }
      let mean = column.reduce(0, +) / Double(x.rows)
      let sd = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(x.rows))
        .squareRoot()
      for i in 0..<x.rows { x[i, j] = (raw[i, j] - mean) / sd }
    }
    return x
  }
}
