import CHDF5
import CZlib
import Foundation
import Testing

@testable import Datasets

/// Damaged and hostile data files read as numpy and Python's `gzip` read them, or refused at
/// their location: trailing bytes after a gzip stream or an `.npy` array, NPZ member names
/// given twice, and CSV cells numpy.loadtxt would not read as the number they seem to be.
@Suite struct HostileDataTests {
  /// A gzip member holding `payload` (zlib's own gzip writer).
  static func gzip(_ payload: [UInt8]) -> [UInt8] { Inflater.compress(payload, gzip: true) }

  static let csv = Array("x,label\n1.5,0\n2.5,1\n3.5,0\n".utf8)

  // Python's gzip: several members are one stream, NUL padding is skipped; zlib's gzread
  // silently dropped anything after the first member and read a truncated one.
  @Test func gzipIsReadAsPythonReadsIt() throws {
    let dir = TemporaryDirectory()
    let whole = Self.gzip(Self.csv)
    let expected = try DataTable.parse(String(decoding: Self.csv, as: UTF8.self), origin: "t")
    for (name, bytes) in [
      ("multi.csv.gz", Self.gzip(Array(Self.csv[..<10])) + Self.gzip(Array(Self.csv[10...]))),
      ("padded.csv.gz", whole + [0, 0, 0, 0]),
    ] {
      #expect(try DataTable.read(dir.write(name, bytes)).rows == expected.rows, "\(name)")
    }
    let garbage = dir.write("garbage.csv.gz", whole + Array("junk".utf8))
    #expect(
      InputFaultTests.dataError { _ = try DataTable.read(garbage) }?.description
        == "\(garbage) (uncompressed offset \(Self.csv.count)): 4 bytes of trailing data after "
        + "the gzip stream, at compressed byte \(whole.count) (neither another gzip member nor "
        + "NUL padding); the file is damaged or two files were joined: recompress it")
    let cut = dir.write("cut.csv.gz", Array(whole.dropLast(3)))
    #expect(
      InputFaultTests.dataError { _ = try DataTable.read(cut) }?.description
        == "\(cut) (uncompressed offset \(Self.csv.count)): truncated gzip stream: the file ends "
        + "inside a member (at compressed byte \(whole.count - 3)); it was cut short")
    var flipped = whole
    flipped[whole.count - 6] ^= 0xFF  // the CRC-32
    let bad = dir.write("crc.csv.gz", flipped)
    #expect(
      InputFaultTests.dataError { _ = try DataTable.read(bad) }?.description
        == "\(bad) (uncompressed offset \(Self.csv.count)): corrupt gzip stream (incorrect data "
        + "check)")
    // An IDX file in two members: the last member's size trailer is not the whole size.
    let idx: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 4, 0, 1, 0, 1]
    let two = dir.write(
      "two-idx1-ubyte.gz", Self.gzip(Array(idx[..<6])) + Self.gzip(Array(idx[6...])))
    #expect(try IDXFile.read(two).storage == .uint8([0, 1, 0, 1]))
    let joined = dir.write("joined-idx1-ubyte.gz", Self.gzip(idx) + [0x42])
    #expect(
      InputFaultTests.dataError { _ = try IDXFile.read(joined) }?.description.contains(
        "1 bytes of trailing data after the gzip stream") == true)
  }

  // The CSV number grammar: what numpy.loadtxt reads as the same number is read; the rest is
  // refused at its cell with what to write instead.
  @Test func csvNumbersFollowOneGrammar() throws {
    func read(_ cell: String) throws -> Double {
      let table = try DataTable.parse("x,label\n\(cell),0\n", origin: "t.csv")
      return try table.numericColumns(["x"]).storage.doubles()[0]
    }
    for (cell, value) in [
      ("+1.5", 1.5), ("  2.5 ", 2.5), ("1.", 1.0), ("\t3", 3.0), (".5", 0.5), ("-2e-3", -0.002),
      ("1E+2", 100),
    ] {
      #expect(try read(cell) == value, "\(cell)")
    }
    for (cell, reason) in [
      (
        "0x1p3",
        "'0x1p3' is a hexadecimal number, which numpy.loadtxt and pandas.read_csv do "
          + "not read; write it in decimal"
      ),
      (
        "nan",
        "'nan' is a missing value (pandas.read_csv reads it as NaN): remove the row or fill in the value"
      ),
      ("-Infinity", "'-Infinity' is not a finite number (NaN and infinity are not allowed)"),
      ("1_000", "'1_000' has digit separators; write the digits alone, e.g. '1000'"),
      (
        "\"1,5\"",
        "'1,5' has a comma (a decimal comma or a thousands separator); write "
          + "numbers with a decimal point and no separators"
      ),
      (
        "\"1,000.5\"",
        "'1,000.5' has a comma (a decimal comma or a thousands separator); write "
          + "numbers with a decimal point and no separators"
      ),
      ("1e999", "'1e999' is beyond float64's range (±1.8e308); rescale the column"),
      ("1.5.2", "'1.5.2' is not a number: fix the cell or remove its row"),
      ("", "empty cell where a number is expected: fill it in or remove its row"),
    ] {
      #expect(
        InputFaultTests.dataError { _ = try read(cell) }?.description
          == "t.csv (line 2, column 'x'): \(reason)", "\(cell)")
    }
    // A label the grammar refuses is neither a number nor a class name.
    let labels = try DataTable.parse("x,label\n1,0\n2,0x1\n3,1\n", origin: "t.csv")
    #expect(
      InputFaultTests.dataError { _ = try labels.categoricalColumn("label") }?.description
        == "t.csv (line 3, column 'label'): label '0x1' is a hexadecimal number, which "
        + "numpy.loadtxt and pandas.read_csv do not read; write it in decimal")
  }

  // numpy reads the last of two members with one name, other ZIP readers the first.
  @Test func npzMemberNamedTwiceIsRefused() throws {
    let dir = TemporaryDirectory()
    let a = try NDArray(shape: [2], storage: .float64([1, 2]))
    let b = try NDArray(shape: [2], storage: .float64([3, 4]))
    let path = dir.write(
      "x.npz", NPZFile.encode([("x", a), ("y", a), ("x", b)], compressed: false))
    let message =
      "\(path) (member 'x.npy'): the archive holds member 'x' twice (entries 1 and 3); numpy "
      + "reads the last and other ZIP readers the first: rebuild the archive with one member "
      + "per name"
    #expect(
      InputFaultTests.dataError { _ = try NPZFile.read(path, member: "y") }?.description == message)
    #expect(
      InputFaultTests.dataError { _ = try NPZFile.memberNames(in: path) }?.description == message)
  }

  // Bytes after the elements mean the header's shape is not the one written.
  @Test func npyExtraDataIsRefused() throws {
    let dir = TemporaryDirectory()
    let x = try NDArray(shape: [2, 2], storage: .float64([1, 2, 3, 4]))
    let bytes = NPYFile.encode(x)
    let path = dir.write("x.npy", bytes + [0, 0, 0, 0, 0, 0, 0, 0])
    let error = InputFaultTests.dataError { _ = try NPYFile.read(path) }
    #expect(
      error?.description
        == "\(path) (offset \(bytes.count)): 8 bytes of extra data after the 32 bytes that shape "
        + "(2, 2) of float64 needs: the header's shape is wrong or the file is damaged; save the "
        + "array again with np.save")
    #expect(error?.exitCode == .dataError)
  }

  // A small CSV.gz whose size trailer claims 1000 bytes inflated 300-fold past the memory check.
  @Test func gzipTableInflatingFarPastItsTrailerIsRefused() throws {
    let dir = TemporaryDirectory()
    var bomb = Self.gzip(
      Array(("x,label\n" + String(repeating: "1,0\n2,1\n", count: 9 << 20)).utf8))
    let claimed: [UInt8] = [0xE8, 0x03, 0, 0]
    bomb.replaceSubrange((bomb.count - 4)..., with: claimed)
    let path = dir.write("bomb.csv.gz", bomb)
    let error = InputFaultTests.dataError { _ = try DataTable.read(path) }
    #expect(
      error?.description.hasPrefix(
        "\(path) (uncompressed offset 67") == true
        && error?.description.hasSuffix(
          "): the gzip stream inflates to more than \(bomb.count + (64 << 20)) bytes, but its "
            + "size trailer claims 1000, which the memory check trusted (a forged trailer, or "
            + "several members: recompress it as one, `gunzip -c FILE | gzip > NEW`)") == true,
      "\(String(describing: error))")
  }

  // A compound (record) dataset is refused by name by the reader and by validate's inspection,
  // and shown by `data show` with why it is not read.
  @Test func hdf5CompoundDatasetIsNamedForWhatItIs() throws {
    let dir = TemporaryDirectory()
    let path = dir.path + "/records.h5"
    try HDF5File.locked(path) {
      let file = H5Fcreate(path, runner_h5f_acc_trunc(), runner_h5p_default(), runner_h5p_default())
      defer { H5Fclose(file) }
      let type = H5Tcreate(H5T_COMPOUND, 16)
      defer { H5Tclose(type) }
      H5Tinsert(type, "a", 0, runner_h5t_native_double())
      H5Tinsert(type, "b", 8, runner_h5t_native_double())
      var dims: [hsize_t] = [3]
      let space = H5Screate_simple(1, &dims, nil)
      defer { H5Sclose(space) }
      let dset = H5Dcreate2(
        file, "xcomp", type, space, runner_h5p_default(), runner_h5p_default(),
        runner_h5p_default())
      defer { H5Dclose(dset) }
      var values: [Double] = [1, -1, 2, -2, 3, -3]
      H5Dwrite(dset, type, runner_h5s_all(), runner_h5s_all(), runner_h5p_default(), &values)
    }
    let message =
      "\(path), dataset 'xcomp': holds records of several fields (a compound type), not "
      + "numbers: store each field as its own numeric dataset"
    #expect(
      InputFaultTests.dataError { _ = try HDF5File.read(path, dataset: "xcomp") }?.description
        == message)
    #expect(
      InputFaultTests.dataError { _ = try DataLoader.checkMember("xcomp", in: path) }?
        .description == message)
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    #expect(
      try DataSummary.describe(path, loader: loader).contains(
        "[xcomp]\n(3,), not read: holds records of several fields"))
  }

  // 300 000 columns on one line: column lookups were quadratic (a million columns hung `run`
  // and `validate`), and the memory estimate counted only the columns in the first 4 KiB.
  @Test(.timeLimit(.minutes(1))) func aVeryWideTableIsReadAndCounted() throws {
    let dir = TemporaryDirectory()
    let width = 300_000
    let header = (0..<width).map { "c\($0)" }.joined(separator: ",") + ",label\n"
    let row = { (v: String) in String(repeating: v + ",", count: width) }
    dir.write("wide.csv", text: header + row("1") + "0\n" + row("2") + "1\n")
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let loaded = try loader.load(
      .table(file: "wide.csv", features: nil, target: "label"),
      target: .classification(classCount: nil))
    #expect(loaded.features.shape == [2, width])
    #expect(StoredShape.of(dir.path + "/wide.csv").valuesPerSample == width + 1)
  }

  // A terabyte sparse file named .csv (zeros, or a header line of 5000 bytes and then zeros): its
  // shape is found from its first bytes, not by reading on to a line's end that never comes
  // (a 6 GB one took 67 s of `runner validate` to be refused for its NUL bytes).
  @Test(.timeLimit(.minutes(1))) func aSparseTerabyteTableIsNotReadToItsEnd() throws {
    let dir = TemporaryDirectory()
    for (name, head) in [("zeros.csv", ""), ("header.csv", String(repeating: "c,", count: 2500))] {
      let handle = try #require(FileHandle(forWritingAtPath: dir.write(name, text: head)))
      try handle.truncate(atOffset: 1 << 40)
      try handle.close()
    }
    let zeros = StoredShape.of(dir.path + "/zeros.csv")
    #expect(!zeros.readable)
    let header = StoredShape.of(dir.path + "/header.csv")
    #expect(header.valuesPerSample == 2501)
    #expect(header.bytes == Double(1 << 40))
  }

  // A header over numpy's 10 000-byte bound is refused unread; a long value is clipped in the
  // message instead of echoed whole.
  @Test func npyHeadersAreBoundedAndEchoedShort() throws {
    func npy(_ dict: String) -> [UInt8] {
      let text = Array(dict.utf8)
      let length = (0..<4).map { UInt8((text.count >> (8 * $0)) & 0xFF) }
      return NPYFile.magic + [2, 0] + length + text
    }
    let long = npy(
      "{'descr': '" + String(repeating: "A", count: 9000) + "', 'fortran_order': False, "
        + "'shape': (2,)}")
    let message = InputFaultTests.dataError {
      _ = try long.withUnsafeBytes { try NPYFile.parse($0, origin: "l.npy") }
    }?.description
    #expect(
      message?.hasPrefix(
        "l.npy (offset 12): bad .npy header: unsupported dtype '\(String(repeating: "A", count: 40))' "
          + "(supported") == true, "\(String(describing: message))")
    #expect((message?.count ?? .max) < 500)
    let huge = npy("{'descr': '" + String(repeating: "A", count: 20_000) + "'}")
    #expect(
      InputFaultTests.dataError {
        _ = try huge.withUnsafeBytes { try NPYFile.parse($0, origin: "h.npy") }
      }?
      .description
        == "h.npy (offset 8): a header of 20013 bytes, over the 10000 bytes numpy's np.load "
        + "reads (max_header_size); a .npy header is a short dict: damaged or hostile file")
  }

  // A European semicolon-separated export is one column to a comma reader: the error says so.
  @Test func aSemicolonSeparatedTableIsNamedAsSuch() throws {
    #expect(
      InputFaultTests.dataError {
        _ = try DataTable.parse("a;b;label\n1,5;2;0\n", origin: "t.csv")
      }?
      .description
        == "t.csv (line 2): expected 1 field like the header, found 2; the header looks "
        + "semicolon-separated, but tables are read comma-separated: convert the file to CSV "
        + "with commas")
    let table = try DataTable.parse("a;b;label\n1.5;2;0\n", origin: "t.csv")
    #expect(
      InputFaultTests.dataError { _ = try table.columnIndex("label") }?.description
        == "t.csv: no column named 'label'; columns: 'a;b;label'; the header looks "
        + "semicolon-separated, but tables are read comma-separated: convert the file to CSV "
        + "with commas")
  }
}
