import Foundation

/// The data file formats the loaders read, recognized by their magic numbers (never by
/// the file name alone).
public enum FileFormat: String, Sendable, Equatable, CaseIterable {
  case hdf5, npy, npz, idx, csv

  /// The format of the file at `path`: HDF5 (`\x89HDF`), NPY (`\x93NUMPY`), NPZ (`PK\x03\x04`),
  /// IDX (`00 00 type rank`), else CSV text. IDX and CSV may be gzip-compressed (recognized by
  /// gzip's magic number `1f 8b` and read through zlib); the binary array containers may not.
  public static func detect(_ path: String) throws -> FileFormat {
    let stream = try ByteStream(path: path)
    var head = [UInt8](repeating: 0, count: 8)
    let n = try head.withUnsafeMutableBytes { try stream.read(into: $0) }
    head = Array(head[0..<n])
    let container: FileFormat?
    if head.starts(with: [0x89, 0x48, 0x44, 0x46]) {
      container = .hdf5
    } else if head.starts(with: NPYFile.magic) {
      container = .npy
    } else if head.starts(with: [0x50, 0x4B, 0x03, 0x04])
      || head.starts(with: [0x50, 0x4B, 0x05, 0x06])
    {
      container = .npz
    } else {
      container = nil
    }
    if let container {
      guard !stream.isCompressed else {
        throw DataError.malformed(
          file: path, location: "offset 0",
          reason: "gzip-compressed \(container.rawValue) file (only IDX and CSV files are read "
            + "compressed); decompress it with `gunzip -k`")
      }
      return container
    }
    if n >= 4, head[0] == 0, head[1] == 0, [0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E].contains(head[2]) {
      return .idx
    }
    return .csv
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
        "\(path) is a CSV table (or an unrecognized format): name its feature and target columns instead of a dataset"
      )
    }
  }
}
