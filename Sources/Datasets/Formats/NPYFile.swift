import Conventions
import Foundation

/// Reads numpy `.npy` arrays (format versions 1.0, 2.0 and 3.0).
///
/// Layout: the magic `\x93NUMPY`, a major and minor version byte, a little-endian header
/// length (2 bytes in 1.0, 4 bytes after), a Python dict literal such as
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (209, 64, 64, 3), }`, then the raw
/// elements. Little- and big-endian integers, floats and booleans are read; Fortran-order
/// arrays are reordered to C order so that every `NDArray` is row-major.
public enum NPYFile {
  static let magic = NPYHead.magic  // \x93NUMPY
  /// The most bytes a header takes, its magic, version and length included: np.load reads
  /// headers of at most 10000 bytes (`max_header_size`).
  static let longestHeader = 10_012

  /// The array in the `.npy` file at `path`.
  public static func read(_ path: String) throws -> NDArray {
    let bytes = try FileBytes.read(path)
    return try bytes.withUnsafeBytes { try parse($0, origin: path) }
  }

  /// The shape in the header of the `.npy` file at `path`, checked against the file's size,
  /// without decoding the elements (what `runner validate` reads of a features file).
  @discardableResult
  public static func checkHeader(_ path: String) throws -> [Int] {
    let bytes = try FileBytes.read(path)
    return try bytes.withUnsafeBytes { try layout($0, origin: path).header.shape }
  }

  /// The array encoded in `bytes` (a whole `.npy` file or NPZ member); `origin` names it in errors.
  public static func parse(_ bytes: UnsafeRawBufferPointer, origin: String) throws -> NDArray {
    let (parsed, dataStart, count) = try layout(bytes, origin: origin)
    let needed = count * parsed.elementType.byteCount
    var storage = ArrayStorage.decode(
      UnsafeRawBufferPointer(rebasing: bytes[dataStart..<(dataStart + needed)]),
      as: parsed.elementType, count: count, bigEndian: parsed.bigEndian)
    if parsed.fortranOrder && parsed.shape.count > 1 {
      storage = storage.fortranToC(shape: parsed.shape)
    }
    return NDArray(checkedShape: parsed.shape, storage: storage, origin: origin)
  }

  /// The parsed header, where the elements start and how many there are, once the bytes
  /// present are known to hold them all.
  static func layout(_ bytes: UnsafeRawBufferPointer, origin: String) throws -> (
    header: NPYHeader, dataStart: Int, count: Int
  ) {
    let (parsed, dataStart, count) = try header(bytes, origin: origin)
    try checkLength(bytes.count, parsed, dataStart: dataStart, count: count, origin: origin)
    return (parsed, dataStart, count)
  }

  /// The parsed header at the start of `bytes` (the rest of the array may be absent: an NPZ
  /// member's header is read before it is inflated), where the elements start and how many
  /// the shape holds.
  static func header(_ bytes: UnsafeRawBufferPointer, origin: String) throws -> (
    header: NPYHeader, dataStart: Int, count: Int
  ) {
    func fail(_ offset: Int, _ reason: String) -> DataError {
      .malformed(file: origin, location: "offset \(offset)", reason: reason)
    }
    guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
      throw fail(0, "not a .npy file (bad magic; expected \\x93NUMPY)")
    }
    let major = bytes[6]
    let headerLength: Int
    let headerStart: Int
    switch major {
    case 1:
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
      headerStart = 10
    case 2, 3:
      guard bytes.count >= 12 else { throw fail(8, "truncated header length") }
      headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
      headerStart = 12
    default:
      throw fail(
        6, "unsupported .npy format version \(major).\(bytes[7]) (1.0, 2.0 and 3.0 are read)")
    }
    // np.load's own bound (`max_header_size`): longer headers are not loaded either.
    guard headerLength <= longestHeader - 12 else {
      throw fail(
        8,
        "a header of \(headerLength) bytes, over the 10000 bytes numpy's np.load reads "
          + "(max_header_size); a .npy header is a short dict: damaged or hostile file")
    }
    let dataStart = headerStart + headerLength
    guard dataStart <= bytes.count else {
      throw fail(
        headerStart,
        "truncated header: \(headerLength) bytes announced, \(bytes.count - headerStart) present")
    }
    let header = String(decoding: bytes[headerStart..<dataStart], as: UTF8.self)
    let parsed = try NPYHeader(parsing: header, origin: origin, offset: headerStart)
    guard let count = ShapeMath.elementCount(parsed.shape),
      !count.multipliedReportingOverflow(by: parsed.elementType.byteCount).overflow
    else { throw fail(headerStart, "impossible shape \(NDArray.describe(parsed.shape))") }
    return (parsed, dataStart, count)
  }

  /// Throws unless an array of `total` bytes whose header `parsed` ends at `dataStart` holds
  /// exactly the `count` elements of its shape.
  static func checkLength(
    _ total: Int, _ parsed: NPYHeader, dataStart: Int, count: Int, origin: String
  ) throws {
    func fail(_ offset: Int, _ reason: String) -> DataError {
      .malformed(file: origin, location: "offset \(offset)", reason: reason)
    }
    let needed = count * parsed.elementType.byteCount
    guard total - dataStart >= needed else {
      throw fail(
        dataStart,
        "truncated data: shape \(NDArray.describe(parsed.shape)) of \(parsed.elementType.rawValue) needs \(needed) bytes, "
          + "\(total - dataStart) present")
    }
    // numpy ignores bytes after the elements; here they mean the shape in the header is not
    // the shape that was written (IDX files are held to the same rule).
    guard total - dataStart == needed else {
      throw fail(
        dataStart + needed,
        "\(total - dataStart - needed) bytes of extra data after the \(needed) bytes that "
          + "shape \(NDArray.describe(parsed.shape)) of \(parsed.elementType.rawValue) needs: the "
          + "header's shape is wrong or the file is damaged; save the array again with np.save")
    }
  }

  /// The `.npy` encoding of `array` (format 1.0), used by tests to build fixtures and by
  /// exports. `bigEndian` and `fortranOrder` select the stored layout.
  public static func encode(_ array: NDArray, bigEndian: Bool = false, fortranOrder: Bool = false)
    -> [UInt8]
  {
    let type = array.elementType
    let order = type.byteCount == 1 ? "|" : (bigEndian ? ">" : "<")
    let code: String
    switch type {
    case .bool: code = "b1"
    case .uint8: code = "u1"
    case .int8: code = "i1"
    case .uint16: code = "u2"
    case .int16: code = "i2"
    case .uint32: code = "u4"
    case .int32: code = "i4"
    case .uint64: code = "u8"
    case .int64: code = "i8"
    case .float32: code = "f4"
    case .float64: code = "f8"
    }
    let shapeText =
      array.shape.count == 1
      ? "(\(array.shape[0]),)" : "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
    var dict =
      "{'descr': '\(order)\(code)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
    let unpadded = 10 + dict.utf8.count + 1
    dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
    var out = magic + [1, 0, UInt8(dict.utf8.count & 0xFF), UInt8(dict.utf8.count >> 8)]
    out += Array(dict.utf8)
    let storage =
      fortranOrder && array.shape.count > 1
      ? array.storage.cToFortran(shape: array.shape) : array.storage
    out += storage.encodedBytes(bigEndian: bigEndian)
    return out
  }
}
