import Foundation
import Engine

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

  static func bytes(_ relative: String) throws -> Data {
    let url = root.appendingPathComponent(relative)
    guard let data = FileManager.default.contents(atPath: url.path) else { throw Missing(path: url.path) }
    return data
  }

  /// The payload of a version-1 `.npy` file (header parsed for its length only).
  static func npyPayload(_ relative: String) throws -> Data {
    let data = try bytes(relative)
    precondition(data.prefix(6) == Data([0x93]) + "NUMPY".data(using: .ascii)!, "not an npy file")
    let headerLength = Int(data[8]) | (Int(data[9]) << 8)
    return data.subdata(in: (10 + headerLength)..<data.count)
  }

  /// The course's cat data: images flattened to 12288 values / 255, labels 0/1.
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

  /// A gzip-compressed IDX file, inflated by the system's `gzip -dc` (the engine tests do not
  /// link the Datasets module).
  static func idx(_ relative: String) throws -> (shape: [Int], bytes: [UInt8]) {
    let url = root.appendingPathComponent(relative)
    guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: url.path) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["gzip", "-dc", url.path]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let bytes = [UInt8](data)
    precondition(bytes.count > 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 8, "not a uint8 IDX file")
    let dims = Int(bytes[3])
    let shape = (0..<dims).map { k in bytes[(4 + 4 * k)..<(8 + 4 * k)].reduce(0) { $0 << 8 | Int($1) } }
    return (shape, Array(bytes[(4 + 4 * dims)...]))
  }

  /// MNIST-family images / 255 as `(n, 784)` and their labels.
  static func mnist(_ folder: String, _ split: String) throws -> Examples<Float> {
    let images = try idx("\(folder)/\(split)-images-idx3-ubyte.gz")
    let labels = try idx("\(folder)/\(split)-labels-idx1-ubyte.gz")
    let n = images.shape[0]
    let x = Matrix<Float>(rows: n, cols: images.bytes.count / n, storage: images.bytes.map { Float($0) / 255 })
    return Examples(x: x, labels: labels.bytes.map(Int.init))
  }
}
