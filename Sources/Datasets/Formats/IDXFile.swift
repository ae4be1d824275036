import Engine

/// Reads IDX files (the MNIST family), plain or gzip-compressed.
///
/// Layout: two zero bytes, a type code (0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32,
/// 0x0D float32, 0x0E float64), the number of axes, one big-endian int32 per axis, then the
/// big-endian elements. The magic, every extent and the exact length (no missing or extra
/// bytes) are checked. Decompression goes straight into the final buffer.
public enum IDXFile {
  /// The array in the IDX file at `path` (`.gz` or not).
  public static func read(_ path: String) throws -> NDArray {
    let stream = try ByteStream(path: path)
    let (type, shape) = try header(stream)
    let count = shape.reduce(1, *)
    let storage: ArrayStorage
    if type == .uint8 {
      var bytes = [UInt8](repeating: 0, count: count)
      try bytes.withUnsafeMutableBytes {
        try stream.readExactly(into: $0, what: "shape \(NDArray.describe(shape)) of uint8")
      }
      storage = .uint8(bytes)
    } else {
      var raw = [UInt8](repeating: 0, count: count * type.byteCount)
      try raw.withUnsafeMutableBytes {
        try stream.readExactly(
          into: $0, what: "shape \(NDArray.describe(shape)) of \(type.rawValue)")
      }
      storage = raw.withUnsafeBytes {
        ArrayStorage.decode($0, as: type, count: count, bigEndian: true)
      }
    }
    try expectEnd(stream)
    return NDArray(checkedShape: shape, storage: storage, origin: path)
  }

  /// A uint8 IDX image file read straight into a `(samples, features)` matrix of `T`,
  /// converting chunk by chunk so that peak memory stays near the size of the result.
  public static func readMatrix<T: Scalar>(_ path: String, as _: T.Type = T.self) throws -> Matrix<
    T
  > {
    let stream = try ByteStream(path: path)
    let (type, shape) = try header(stream)
    guard type == .uint8 else { return try read(path).matrix(T.self, flatten: true) }
    let rows = shape.first ?? 1
    let cols = shape.dropFirst().reduce(1, *)
    var out = Matrix<T>(rows: rows, cols: cols)
    let chunk = 1 << 16
    var buffer = [UInt8](repeating: 0, count: chunk)
    var done = 0
    try out.storage.withUnsafeMutableBufferPointer { dst in
      while done < dst.count {
        let n = min(chunk, dst.count - done)
        try buffer.withUnsafeMutableBytes {
          try stream.readExactly(
            into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<n]),
            what: "shape \(NDArray.describe(shape)) of uint8")
        }
        buffer.withUnsafeBufferPointer { src in
          ByteConversion.widen(src.baseAddress!, into: dst.baseAddress! + done, count: n)
        }
        done += n
      }
    }
    try expectEnd(stream)
    return out
  }

  static func header(_ stream: ByteStream) throws -> (ElementType, [Int]) {
    let magic = try stream.readBytes(4, what: "the IDX magic number")
    let types: [UInt8: ElementType] = [
      0x08: .uint8, 0x09: .int8, 0x0B: .int16, 0x0C: .int32, 0x0D: .float32, 0x0E: .float64,
    ]
    guard magic[0] == 0, magic[1] == 0, let type = types[magic[2]], magic[3] >= 1 else {
      let hex = magic.map { String($0, radix: 16).leftPadded(2) }.joined(separator: " ")
      throw DataError.malformed(
        file: stream.path, location: "offset 0",
        reason:
          "bad IDX magic number \(hex) (expected 00 00 08 03 for images, 00 00 08 01 for labels)")
    }
    let dims = try stream.readBytes(4 * Int(magic[3]), what: "\(magic[3]) axis extents")
    // Extents are unsigned 32-bit: the file's size bounds them, not a type.
    let shape = (0..<Int(magic[3])).map { k in
      dims[(4 * k)..<(4 * k + 4)].reduce(0) { $0 << 8 | Int($1) }
    }
    let bytes = ShapeMath.elementCount(shape).flatMap {
      let (bytes, overflow) = $0.multipliedReportingOverflow(by: type.byteCount)
      return overflow ? nil : bytes
    }
    try stream.checkTotalSize(
      dataStart: stream.offset, dataBytes: bytes,
      what: "shape \(NDArray.describe(shape)) of \(type.rawValue)")
    return (type, shape)
  }

  static func expectEnd(_ stream: ByteStream) throws {
    let end = stream.offset
    if try !stream.atEnd() {
      throw DataError.malformed(
        file: stream.path, location: "offset \(end)",
        reason: "extra data after the \(end) bytes the header announces")
    }
  }
}

extension String {
  func leftPadded(_ width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}

/// uint8 → float widening loops per concrete type (full speed across modules).
enum ByteConversion {
  static func widen<T: Scalar>(
    _ src: UnsafePointer<UInt8>, into dst: UnsafeMutablePointer<T>, count: Int
  ) {
    if T.self == Float.self {
      let d = UnsafeMutableRawPointer(dst).assumingMemoryBound(to: Float.self)
      for i in 0..<count { d[i] = Float(src[i]) }
    } else if T.self == Double.self {
      let d = UnsafeMutableRawPointer(dst).assumingMemoryBound(to: Double.self)
      for i in 0..<count { d[i] = Double(src[i]) }
    } else {
      for i in 0..<count { dst[i] = T(Double(src[i])) }
    }
  }
}
