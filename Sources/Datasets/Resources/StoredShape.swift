import CHDF5
import Conventions
import Foundation

/// What a data file holds, read from its header only (nothing is loaded): used to estimate
/// the memory a run needs before loading.
public struct StoredShape: Sendable, Equatable {
  /// Samples (first axis), when the header says.
  public var samples: Int?
  /// Values per sample (the other axes multiplied), when the header says.
  public var valuesPerSample: Int?
  /// Bytes of the file's contents once decompressed (at least the file's size).
  public var bytes: Double
  /// Whether the file begins as its format's loader reads it. False for a bad magic number (a
  /// `.npy`, `.h5`, `.npz` or IDX name over other bytes, an empty file), a damaged IDX header,
  /// or a NUL byte in a CSV table's first 4 KiB: the loader refuses such a file at its start,
  /// naming the problem, so no memory estimate of it applies.
  public var readable = true

  /// The shape of `path` (an HDF5 `dataset`, an `.npy`, an IDX file, a CSV table, any of them
  /// gzip-compressed); only sizes are known for formats whose header is not read here.
  public static func of(_ path: String, dataset: String? = nil) -> StoredShape {
    // The size of the file a link names (the stream's), else whatever the path's entry says.
    let stream = try? ByteStream(path: path)
    let fileSize =
      stream.map { Double($0.fileSize) }
      ?? ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?
      .doubleValue ?? 0
    // A file holds at most its size, a gzip file what deflate can expand it to (its size
    // trailer is only a hint, and may lie).
    let holdable =
      stream?.isCompressed == true
      ? Double(HeaderBounds.maximumInflatedSize(ofCompressed: Int(fileSize))) : fileSize
    let trailer = Double(stream?.trailerSize ?? 0)
    var shape = StoredShape(bytes: max(fileSize, min(trailer, holdable)))
    let head = stream.map { headBytes($0, count: 4096) } ?? []
    shape.readable = readable(path, head: head)
    var dims: [Int]?
    if head.starts(with: [0x89, 0x48, 0x44, 0x46]), let dataset {
      // A damaged header's shape (9.15e18 × 9.15e18 in a 3.5 KB file) is the loader's to name
      // (`checkedCount`: impossible, or more than the file holds even deflated), not a memory
      // figure of 5.95e+23 PB.
      dims = plausible(
        hdf5Dims(path, dataset), elementBytes: 1,
        holdable: Double(HeaderBounds.maximumInflatedSize(ofCompressed: Int(fileSize))))
    } else if head.starts(with: [0x50, 0x4B]), let archive = NPZFile.declared(path, member: dataset)
    {
      // An NPZ archive: its members' sizes and shapes from its directory and `.npy` headers.
      shape.bytes = max(fileSize, Double(archive.bytes))
      dims = archive.shape
      // A member that is missing, or whose header does not fit its size, is refused uninflated.
      shape.readable = dataset == nil || dims != nil
    } else if head.starts(with: NPYHead.magic) {
      dims = plausible(NPYHead.dims(head), elementBytes: 1, holdable: holdable)
    } else if head.count >= 4, head[0] == 0, head[1] == 0, head[3] >= 1, head[3] <= 4 {
      let elementBytes: Double = [0x0B: 2, 0x0C: 4, 0x0D: 4, 0x0E: 8][head[2]] ?? 1
      dims = plausible(idxDims(head), elementBytes: elementBytes, holdable: holdable)
    } else if let firstLine = head.split(whereSeparator: endsLine).first {
      // A CSV table: columns from the header, rows counted in its first bytes (`csvRows`).
      let columns =
        head.contains(where: endsLine)
        ? firstLine.filter { $0 == UInt8(ascii: ",") }.count + 1 : headerColumns(path)
      shape.valuesPerSample = columns
      // A gzip table is counted to its end, not sized by its trailer, the last member's size: a
      // `cat`-ed file's last member may be empty, and its rows past the first 32 MiB counted as
      // none. Past the memory the machine has, no more is counted: no run holds it.
      if stream?.isCompressed == true, shape.readable,
        let counted = InflatedSize.of(
          path, cap: Int(min(holdable, Double(ProcessInfo.processInfo.physicalMemory))))
      {
        shape.bytes = max(fileSize, Double(counted))
      }
      // A table the loader refuses at its start is not read on (its size bounds the rows).
      let rows = csvRows(
        path, columns: columns, bytes: shape.bytes, limit: shape.readable ? countedCSVBytes : 0)
      shape.samples = Int(min(rows, 1e15))
      return shape
    }
    if let dims, !dims.isEmpty {
      shape.samples = dims[0]
      shape.valuesPerSample = dims.dropFirst().reduce(1) {
        $0.multipliedReportingOverflow(by: $1).partialValue
      }
    }
    return shape
  }

  /// Whether the loader reads on past the start of `path` (whose first bytes, decompressed, are
  /// `head`): its format's magic number, an IDX file's header, no NUL byte in a CSV table's
  /// `head` (`DataTable.read` refuses it before reading the rest).
  static func readable(_ path: String, head: [UInt8]) -> Bool {
    do {
      switch try FileFormat.detect(path) {
      case .idx: _ = try IDXFile.header(ByteStream(path: path))
      case .csv: return !head.contains(0)
      case .hdf5, .npy, .npz: break
      }
      return true
    } catch {
      return false
    }
  }

  /// The columns of a CSV table whose header line is longer than the head read (a million
  /// columns), counted by reading on to the header line's end (`endsLine`), or to a NUL byte (binary data,
  /// such as a sparse file's hole: a file of several GB was read to its end to find no line).
  static func headerColumns(_ path: String) -> Int {
    guard let stream = try? ByteStream(path: path) else { return 1 }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var commas = 0
    while let n = try? chunk.withUnsafeMutableBytes({ try stream.read(into: $0) }), n > 0 {
      let line = chunk[..<n].prefix { !endsLine($0) && $0 != 0 }
      commas += line.filter { $0 == UInt8(ascii: ",") }.count
      if line.count < n { break }
    }
    return commas + 1
  }

  /// Whether `byte` ends a line of a CSV table, as the reader takes them: `\n`, or `\r` alone
  /// or before `\n` (a classic-Mac export's one header line held the whole file).
  static func endsLine(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

  /// `dims` when the file can hold that many elements; nil for a damaged or hostile header
  /// (the loader names the problem; the estimate then counts the file's bytes).
  static func plausible(_ dims: [Int]?, elementBytes: Double, holdable: Double) -> [Int]? {
    guard let dims else { return nil }
    let elements = dims.reduce(1.0) { $0 * Double(max($1, 0)) }
    return elements * elementBytes <= holdable ? dims : nil
  }

  /// The first `count` bytes of `stream`, decompressed; a damaged gzip stream gives those
  /// before the damage (the loader names the damage).
  static func headBytes(_ stream: ByteStream, count: Int) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: count)
    _ = try? buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
    return Array(buffer.prefix(stream.offset))
  }

  static func idxDims(_ head: [UInt8]) -> [Int]? {
    let rank = Int(head[3])
    guard head.count >= 4 + 4 * rank else { return nil }
    return (0..<rank).map { axis in
      head[(4 + 4 * axis)..<(8 + 4 * axis)].reduce(0) { $0 << 8 | Int($1) }
    }
  }

  static func hdf5Dims(_ path: String, _ dataset: String) -> [Int]? {
    try? HDF5File.locked(path) {
      let file = try HDF5File.open(path)
      defer { H5Fclose(file) }
      let dset = try HDF5File.openDataset(file, dataset, path: path)
      defer { H5Dclose(dset) }
      return try HDF5File.dataspaceShape(dset, path: path, name: dataset)
    }
  }
}
