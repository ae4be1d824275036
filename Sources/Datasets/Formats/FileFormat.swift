import Foundation

/// The data file formats the loaders read (declared in `Vocabulary`), recognized by their magic
/// numbers (never by the file name alone).
extension FileFormat {
  /// The format of the file at `path`: HDF5 (`\x89HDF`), NPY (`\x93NUMPY`), NPZ (`PK\x03\x04`),
  /// IDX (`00 00 type rank`), else CSV text. IDX and CSV may be gzip-compressed (recognized by
  /// gzip's magic number `1f 8b` and read through zlib); the binary array containers may not.
  /// Magic numbers decide; the name only names the problem: an empty file, or a `.h5`, `.npy`,
  /// `.npz` or IDX name over other bytes, is refused as what it claims to be, never read as CSV.
  public static func detect(_ path: String) throws -> FileFormat {
    let stream = try ByteStream(path: path)
    var start = [UInt8](repeating: 0, count: 10)
    let read = try start.withUnsafeMutableBytes { try stream.read(into: $0) }
    start = Array(start[0..<read])
    let head = Array(start.prefix(8))
    let n = head.count
    guard n > 0 else {
      throw DataError.malformed(
        file: path, location: "offset 0",
        reason: "empty file (0 bytes\(stream.isCompressed ? " once inflated" : ""))")
    }
    if let container = container(head) {
      guard !stream.isCompressed else {
        throw DataError.malformed(
          file: path, location: "offset 0",
          reason: "gzip-compressed \(container.rawValue) file (only IDX and CSV files are read "
            + "compressed); decompress it with `gunzip -k`")
      }
      return container
    }
    if let idx = recognized(head) { return idx }
    if let image = image(start) { throw DataError.image(file: path, format: image) }
    if let named = named(path), named != .csv {
      let hex = head.map { String($0, radix: 16).leftPadded(2) }.joined(separator: " ")
      throw DataError.malformed(
        file: path, location: "offset 0",
        reason: "not \(named.description): bad magic number \(hex) (expected \(named.magic))")
    }
    if ["yaml", "yml"].contains((path as NSString).pathExtension.lowercased()) {
      throw DataError.malformed(
        file: path, location: nil,
        reason: "a YAML file (a spec?), not a data file (CSV, HDF5, NPY, NPZ or IDX): name the "
          + "data file itself, e.g. the spec's dataset.file")
    }
    return .csv
  }

  /// The array container whose magic number `head` starts with.
  static func container(_ head: [UInt8]) -> FileFormat? {
    if head.starts(with: [0x89, 0x48, 0x44, 0x46]) { return .hdf5 }
    if head.starts(with: NPYFile.magic) { return .npy }
    if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
      return .npz
    }
    return nil
  }

  /// The picture format whose magic number `start` (a file's first 10 bytes) begins with: PNG
  /// (`\x89PNG\r\n\x1a\n`), JPEG (`ff d8 ff`), GIF (`GIF87a`, `GIF89a`) or BMP (`BM`, then
  /// the file size and four reserved zero bytes, which no text has); nil for other bytes.
  static func image(_ start: [UInt8]) -> String? {
    if start.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "PNG" }
    if start.starts(with: [0xFF, 0xD8, 0xFF]) { return "JPEG" }
    if start.starts(with: Array("GIF87a".utf8)) || start.starts(with: Array("GIF89a".utf8)) {
      return "GIF"
    }
    if start.count == 10, start.starts(with: Array("BM".utf8)), start[6...].allSatisfy({ $0 == 0 })
    {
      return "BMP"
    }
    return nil
  }

  /// The binary format whose magic number `head` starts with: an array container, or IDX
  /// (`00 00`, a type code and the number of axes).
  static func recognized(_ head: [UInt8]) -> FileFormat? {
    if let container = container(head) { return container }
    let idx = head.count >= 4 && head[0] == 0 && head[1] == 0
    return idx && [0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E].contains(head[2]) ? .idx : nil
  }

  /// The format a file's name claims (`.h5`, `.hdf5`, `.npy`, `.npz`, `-ubyte`/`.idx`, `.csv`),
  /// a trailing `.gz` aside; nil for other names.
  static func named(_ path: String) -> FileFormat? {
    var name = (path as NSString).lastPathComponent.lowercased()
    if name.hasSuffix(".gz") { name = String(name.dropLast(3)) }
    switch (name as NSString).pathExtension {
    case "h5", "hdf5", "hdf": return .hdf5
    case "npy": return .npy
    case "npz": return .npz
    case "idx": return .idx
    case "csv", "tsv", "txt": return .csv
    default: return name.hasSuffix("-ubyte") ? .idx : nil
    }
  }

  /// What a file of this format is, in errors.
  var description: String {
    switch self {
    case .hdf5: "an HDF5 file"
    case .npy: "a .npy file"
    case .npz: "an NPZ (zip) archive"
    case .idx: "an IDX file"
    case .csv: "a CSV table"
    }
  }

  /// The magic number that starts a file of this format, in errors.
  var magic: String {
    switch self {
    case .hdf5: "89 48 44 46 0d 0a 1a 0a, \"\\x89HDF\\r\\n\\x1a\\n\""
    case .npy: "93 4e 55 4d 50 59, \"\\x93NUMPY\""
    case .npz: "50 4b 03 04, \"PK\\x03\\x04\""
    case .idx: "00 00, a type code 08-0e and the number of axes"
    case .csv: "text"
    }
  }
}

/// Reads one array from any supported file.
public enum ArrayFile {
  /// The array in `path`: `dataset` names the HDF5 dataset or NPZ member (required when the
  /// file holds several), and is ignored for NPY and IDX. CSV files are read with `DataTable`.
  public static func read(_ path: String, dataset: String?) throws -> NDArray {
    switch try FileFormat.detect(path) {
    case .hdf5:
      guard let dataset else {
        throw DataError.invalidConfiguration(
          "\(path) is an HDF5 file: name the dataset to read; it holds \(try HDF5File.datasetNames(in: path).map { "'\($0)'" }.joined(separator: ", "))"
        )
      }
      return try HDF5File.read(path, dataset: dataset)
    case .npz:
      if let dataset { return try NPZFile.read(path, member: dataset) }
      let members = try NPZFile.memberNames(in: path)
      guard members.count == 1 else {
        throw DataError.invalidConfiguration(
          "\(path) is an NPZ archive of \(members.count) arrays: name the member to read (\(members.map { "'\($0)'" }.joined(separator: ", ")))"
        )
      }
      return try NPZFile.read(path, member: members[0])
    case .npy: return try NPYFile.read(path)
    case .idx: return try IDXFile.read(path)
    case .csv:
      throw DataError.invalidConfiguration(
        "\(path) is a CSV table (its bytes match no array format's magic number): name its "
          + "feature and target columns instead of a dataset"
      )
    }
  }
}
