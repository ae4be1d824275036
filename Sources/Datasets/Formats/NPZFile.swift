import CZlib
import Foundation

/// Reads numpy `.npz` archives: a ZIP of `.npy` members (`np.savez` stores them,
/// `np.savez_compressed` deflates them). Members are named without the `.npy` suffix.
public enum NPZFile {
  /// The member names (`"x"` for `x.npy`), in archive order.
  public static func memberNames(in path: String) throws -> [String] {
    try members(ZipArchive(path: path)).map { memberName($0.name) }
  }

  /// The archive's entries, refusing a name given twice (`x.npy` twice, or `x` and `x.npy`):
  /// numpy reads the last such member, other ZIP readers the first, so either choice could
  /// silently train on the other array.
  static func members(_ archive: ZipArchive) throws -> [ZipArchive.Entry] {
    var seen: [String: Int] = [:]
    for (i, entry) in archive.entries.enumerated() {
      let name = memberName(entry.name)
      if let first = seen[name] {
        throw DataError.malformed(
          file: archive.path, location: "member '\(entry.name)'",
          reason: "the archive holds member '\(name)' twice (entries \(first + 1) and \(i + 1)); "
            + "numpy reads the last and other ZIP readers the first: rebuild the archive with "
            + "one member per name")
      }
      seen[name] = i
    }
    return archive.entries
  }

  /// The array stored as `member` (`"x"` or `"x.npy"`), its shape checked first (`shape`).
  public static func read(_ path: String, member: String) throws -> NDArray {
    let archive = try ZipArchive(path: path)
    let (entry, origin) = try find(member, in: archive)
    _ = try shape(of: entry, in: archive, origin: origin)
    let bytes = try archive.contents(of: entry)
    return try bytes.withUnsafeBytes { try NPYFile.parse($0, origin: origin) }
  }

  /// The shape in the `.npy` header of `member`, inflating only the header: the member's size
  /// (from the archive's directory) must be what the shape needs, and fit the memory limit.
  public static func shape(of member: String, in path: String) throws -> [Int] {
    let archive = try ZipArchive(path: path)
    let (entry, origin) = try find(member, in: archive)
    return try shape(of: entry, in: archive, origin: origin)
  }

  /// The entry of `member` in `archive` and the origin its errors name.
  private static func find(_ member: String, in archive: ZipArchive) throws -> (
    ZipArchive.Entry, String
  ) {
    let wanted = memberName(member)
    guard let entry = try members(archive).first(where: { memberName($0.name) == wanted }) else {
      throw DataError.datasetNotFound(
        file: archive.path, dataset: member, available: archive.entries.map { memberName($0.name) })
    }
    return (entry, "\(archive.path), member '\(wanted)'")
  }

  /// `shape(of:in:)` for `entry`: a compressed member whose header claims less than its size
  /// (a zip bomb behind a small shape), or more than memory holds, is refused uninflated.
  private static func shape(of entry: ZipArchive.Entry, in archive: ZipArchive, origin: String)
    throws -> [Int]
  {
    let header = try declaredHeader(of: entry, in: archive, origin: origin)
    try HeaderBounds.checkArray(
      bytes: entry.size, file: archive.path, location: "member '\(entry.name)'",
      what: "shape \(NDArray.describe(header.shape)) of \(header.elementType.rawValue)")
    return header.shape
  }

  /// The `.npy` header of `entry`, inflating only the header, once the member's size (from
  /// the archive's directory) is known to be what its shape needs.
  private static func declaredHeader(
    of entry: ZipArchive.Entry, in archive: ZipArchive, origin: String
  ) throws -> NPYHeader {
    let head = try archive.head(of: entry, count: NPYFile.longestHeader)
    let (header, dataStart, count) = try head.withUnsafeBytes {
      try NPYFile.header($0, origin: origin)
    }
    try NPYFile.checkLength(entry.size, header, dataStart: dataStart, count: count, origin: origin)
    return header
  }

  /// What the memory estimate reads of the archive at `path`: the bytes its members hold
  /// uncompressed, and `member`'s shape when its header gives one that its size holds (nil
  /// otherwise: the loader names the problem). Nil for a file that is not an archive.
  static func declared(_ path: String, member: String?) -> (bytes: Int, shape: [Int]?)? {
    guard let archive = try? ZipArchive(path: path) else { return nil }
    let bytes = archive.entries.reduce(0) { $0.addingReportingOverflow($1.size).partialValue }
    guard let member, let (entry, origin) = try? find(member, in: archive) else {
      return (bytes, nil)
    }
    return (bytes, try? declaredHeader(of: entry, in: archive, origin: origin).shape)
  }

  static func memberName(_ name: String) -> String {
    name.hasSuffix(".npy") ? String(name.dropLast(4)) : name
  }

  /// An `.npz` archive of the given arrays (members `name.npy`), stored or deflated; used by
  /// tests to build fixtures.
  public static func encode(_ arrays: [(name: String, array: NDArray)], compressed: Bool) -> [UInt8]
  {
    var out: [UInt8] = []
    var central: [UInt8] = []
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    for (name, array) in arrays {
      let payload = NPYFile.encode(array)
      let stored = compressed ? Inflater.compress(payload) : payload
      let crc = payload.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
      let fileName = Array((name + ".npy").utf8)
      let method = compressed ? 8 : 0
      let common =
        le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21) + le32(crc)
        + le32(UInt32(stored.count)) + le32(UInt32(payload.count)) + le16(fileName.count) + le16(0)
      let offset = UInt32(out.count)
      out += le32(0x0403_4B50) + common + fileName + stored
      central +=
        le32(0x0201_4B50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset)
        + fileName
    }
    let centralOffset = UInt32(out.count)
    out += central
    out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(arrays.count) + le16(arrays.count)
    out += le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
    return out
  }
}
