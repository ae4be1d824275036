import CZlib
import Conventions
import Foundation
import Testing

@testable import Datasets

#if canImport(Glibc)
  import Glibc
#endif

/// The fault corpus for the loaders: each hostile or damaged input is refused with
/// its exact message and exit status, before anything large is allocated or anything blocks.
@Suite struct InputFaultTests {
  /// The error `body` throws as a `DataError` (or nil when it throws nothing or another error).
  static func dataError(_ body: () throws -> Void) -> DataError? {
    do {
      try body()
      return nil
    } catch let error as DataError {
      return error
    } catch {
      return nil
    }
  }

  /// A gzip member holding `payload` whose trailer claims `claimed` bytes (mod 2³²).
  static func gzip(_ payload: [UInt8], claiming claimed: Int) -> [UInt8] {
    let deflated = Inflater.compress(payload)
    let crc = payload.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
    func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + deflated + le32(crc)
      + le32(UInt32(claimed & 0xFFFF_FFFF))
  }

  // Case 7: a tiny gzip IDX file whose header claims 2³⁴ bytes, its trailer agreeing mod 2³².
  @Test func hostileGzipIDXHeaderIsRefusedBeforeAllocating() throws {
    let dir = TemporaryDirectory()
    let header: [UInt8] = [0, 0, 8, 2, 0, 2, 0, 0, 0, 2, 0, 0]  // (131072, 131072) uint8
    let bytes = Self.gzip(header, claiming: header.count + (1 << 34))
    #expect(bytes.count <= 32)
    let path = dir.write("train-images-idx3-ubyte.gz", bytes)
    let expected =
      "\(path) (offset 12): shape (131072, 131072) of uint8 needs 17179869196 uncompressed "
      + "bytes, but a \(bytes.count)-byte gzip file inflates to at most "
      + "\(bytes.count * 1032 + 1024) (damaged or hostile header)"
    for read in [
      { _ = try IDXFile.read(path) }, { _ = try IDXFile.readMatrix(path, as: Float.self) },
    ] {
      let error = Self.dataError(read)
      #expect(error?.description == expected)
      #expect(error?.exitCode == .dataError)
    }
  }

  // Case 7 for plain files: a header larger than the file is truncated data, not an allocation.
  @Test func plainIDXHeaderLargerThanTheFileIsTruncated() throws {
    let dir = TemporaryDirectory()
    let path = dir.write("labels-idx1-ubyte", [0, 0, 8, 1, 0x7F, 0xFF, 0xFF, 0xFE, 1, 2])
    #expect(
      Self.dataError { _ = try IDXFile.read(path) }?.description
        == "\(path) (offset 10): truncated data: shape (2147483646,) of uint8 needs 2147483646 "
        + "bytes from offset 8, only 2 present")
  }

  // IDX extents are unsigned 32-bit: a claim beyond int32 or beyond any file is bytes needed
  // against bytes present (it was "not a valid int32" and "impossible shape").
  @Test func idxSizesBeyondTheFileSayBytesNeededAndPresent() throws {
    let dir = TemporaryDirectory()
    let labels = dir.write("labels-idx1-ubyte", [0, 0, 8, 1, 0xEE, 0x6B, 0x28, 0, 1, 2])
    #expect(
      Self.dataError { _ = try IDXFile.read(labels) }?.description
        == "\(labels) (offset 10): truncated data: shape (4000000000,) of uint8 needs 4000000000 "
        + "bytes from offset 8, only 2 present")
    // 2,000,000,000 × 28 × 28, then 32 axes of 2³² − 1 (more bytes than an Int counts).
    let images = dir.write(
      "images-idx3-ubyte", [0, 0, 8, 3, 0x77, 0x35, 0x94, 0, 0, 0, 0, 28, 0, 0, 0, 28, 7])
    let error = Self.dataError { _ = try IDXFile.readMatrix(images, as: Float.self) }
    #expect(
      error?.description
        == "\(images) (offset 17): truncated data: shape (2000000000, 28, 28) of uint8 needs "
        + "1568000000000 bytes from offset 16, only 1 present")
    #expect(error?.exitCode == .dataError)
    let axes = [UInt8](repeating: 0xFF, count: 4 * 32)
    let wide = dir.write("wide-idx3-ubyte", [0, 0, 8, 32] + axes)
    let shape = NDArray.describe([Int](repeating: 4_294_967_295, count: 32))
    #expect(
      Self.dataError { _ = try IDXFile.read(wide) }?.description
        == "\(wide) (offset 132): truncated data: shape \(shape) of uint8 needs more than "
        + "9223372036854775807 bytes from offset 132, only 0 present")
  }

  // A link whose target is gone names the target (it was "not found"); still exit 66.
  @Test func brokenLinkNamesItsTarget() throws {
    let dir = TemporaryDirectory()
    let link = dir.path + "/points.csv"
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: "/nonexistent/x.csv")
    let expected =
      "\(link): cannot read: is a broken symbolic link (to /nonexistent/x.csv, which does not "
      + "exist); fix the link so that it points at a data file"
    let locator = DataLocator(searchDirectories: [dir.path])
    let error = Self.dataError { _ = try locator.resolve("points.csv") }
    #expect(error?.description == expected)
    #expect(error?.exitCode == .noInput)
    #expect(Self.dataError { _ = try DataTable.read(link) }?.description == expected)
    // Through a second link, the path that is missing is named.
    try FileManager.default.createSymbolicLink(
      atPath: dir.path + "/via.csv", withDestinationPath: "points.csv")
    #expect(
      Self.dataError { _ = try locator.resolve("via.csv") }?.description
        == "\(dir.path)/via.csv: cannot read: is a broken symbolic link (to /nonexistent/x.csv, "
        + "which does not exist); fix the link so that it points at a data file")
    // A copy found further along the search path is still read.
    let other = TemporaryDirectory()
    other.write("points.csv", text: "x,label\n1,0\n")
    #expect(
      try DataLocator(searchDirectories: [dir.path, other.path]).resolve("points.csv")
        == other.path + "/points.csv")
  }

  // Features of three axes without `flatten`: the file's shape (what np.load shows), not the
  // training split's, located at the `file` value like every other data error.
  @Test func tooManyAxesNameTheFileShapeAtTheFile() throws {
    let dir = TemporaryDirectory()
    let x = try NDArray(shape: [60, 2, 1], storage: .float64((0..<120).map(Double.init)))
    let y = try NDArray(shape: [60], storage: .int64((0..<60).map { Int64($0 % 2) }))
    let features = dir.write("X3d.npy", NPYFile.encode(x))
    dir.write("y.npy", NPYFile.encode(y))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let source = DataSource.arrays(
      features: ArrayReference(file: "X3d.npy"), target: ArrayReference(file: "y.npy"))
    for (split, part) in [
      (SplitPlan.fractions(source: source, try Fractions(train: 0.8, test: 0.2)), .whole),
      (.given(train: source, dev: nil, test: nil), DataReference.Part.train),
    ] {
      let configuration = DataConfiguration(
        split: split, target: .classification(classCount: 2), seed: 1)
      do {
        _ = try loader.prepare(configuration, as: Float.self)
        Issue.record("three axes accepted")
      } catch {
        #expect(error.reference == .source(part, .file))
        #expect(
          error.description
            == "\(features): array of shape (60, 2, 1) has 3 axes; add `flatten` to the "
            + "preprocessing steps to use each sample as one row of 2 values")
      }
    }
    // A part of the array says the file's shape too.
    #expect(
      Self.dataError { _ = try x.samples([3, 4]).matrix(Float.self) }?.description
        == "array: array of shape (60, 2, 1) has 3 axes; add `flatten` to the preprocessing "
        + "steps to use each sample as one row of 2 values")
  }

  // `data show` of a table of a million columns printed 35 MB: past 100 columns, the first and
  // last 10 are shown, as pandas' display.max_columns does, and `--columns` picks others.
  @Test func wideTablesShowTheirFirstAndLastColumns() throws {
    let dir = TemporaryDirectory()
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    func table(_ columns: Int) -> String {
      let names = (0..<(columns - 1)).map { "c\($0)" } + ["label"]
      let rows = (0..<3).map { r in (0..<columns).map { "\(($0 + r) % 2)" } }
      return dir.write(
        "t\(columns).csv",
        text: ([names] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
    }
    let wide = table(150)
    let names = (0..<10).map { "c\($0)" } + ["…"] + (140..<149).map { "c\($0)" } + ["label"]
    let row = { (r: Int) in
      (0..<10).map { "\(($0 + r) % 2)" } + ["…"] + (140..<150).map { "\(($0 + r) % 2)" }
    }
    let expected =
      "\(wide): csv\n3 rows × 150 columns: \(names.joined(separator: ", "))\n"
      + "class balance (label): 0: 1, 1: 2\n"
      + TextTable(header: names, rows: [row(0), row(1), row(2)]).rendered() + "\n"
      + "130 of 150 columns not shown (the first and last 10 are); `--columns NAME,…` shows the "
      + "ones named\n"
    #expect(try DataSummary.describe(wide, loader: loader) == expected)
    let chosen =
      "\(wide): csv\n3 rows × 150 columns, shown: c75, label\nclass balance (label): 0: 1, 1: 2\n"
      + "c75  label\n1    1\n0    0\n1    1\n"
    #expect(try DataSummary.describe(wide, loader: loader, columns: ["c75,label"]) == chosen)
    #expect(try DataSummary.describe(wide, loader: loader, columns: ["c75", "label"]) == chosen)
    // A name the table lacks is refused with a list just as short.
    #expect(
      Self.dataError { _ = try DataSummary.describe(wide, loader: loader, columns: ["c200"]) }?
        .description
        == "\(wide): no column named 'c200'; columns: "
        + names.map { $0 == "…" ? $0 : "'\($0)'" }.joined(separator: ", ") + " (150 in all); "
        + "did you mean 'c20'?")
    // 100 columns are shown whole, as before.
    let shown = try DataSummary.describe(table(100), loader: loader)
    #expect(shown.contains("c98, label\n") && !shown.contains("…") && !shown.contains("not shown"))
    #expect(
      Self.dataError {
        let x = try NDArray(shape: [2], storage: .float64([1, 2]))
        _ = try DataSummary.describe(
          dir.write("x.npy", NPYFile.encode(x)), loader: loader, columns: ["a"])
      }?.description
        == "--columns picks columns of a CSV table; \(dir.path)/x.npy is an npy file")
  }

  // Case 9: special files are refused before they are opened (a FIFO would block forever).
  @Test func specialFilesAreRefusedWithWhatTheyAre() throws {
    let dir = TemporaryDirectory()
    let fifo = dir.path + "/points.csv"
    #expect(mkfifo(fifo, 0o600) == 0)
    let locator = DataLocator(searchDirectories: [dir.path])
    let refusal = Self.dataError { _ = try locator.resolve("points.csv") }
    #expect(
      refusal?.description
        == "\(fifo): cannot read: is a named pipe (FIFO), not a regular file; data is read from "
        + "regular files only; copy it into a file first")
    #expect(refusal?.exitCode == .noInput)
    // Opened directly (the path resolved earlier), the reader refuses it too.
    #expect(Self.dataError { _ = try FileFormat.detect(fifo) } == refusal)
    #expect(Self.dataError { _ = try DataTable.read(fifo) } == refusal)

    #expect(
      Self.dataError { _ = try locator.resolve("/dev/zero") }?.description
        == "/dev/zero: cannot read: is a character device, not a regular file; data is read "
        + "from regular files only; copy it into a file first")
    try FileManager.default.createDirectory(
      atPath: dir.path + "/digits.csv", withIntermediateDirectories: false)
    #expect(
      Self.dataError { _ = try locator.resolve("digits.csv") }?.description
        == "\(dir.path)/digits.csv: cannot read: is a directory, not a regular file; name a data "
        + "file inside it")
    try FileManager.default.createSymbolicLink(
      atPath: dir.path + "/loop.csv", withDestinationPath: "loop.csv")
    #expect(
      Self.dataError { _ = try locator.resolve("loop.csv") }?.description
        == "\(dir.path)/loop.csv: cannot read: is a symbolic link loop (too many levels of "
        + "links), not a regular file; fix the link so that it points at a data file")
    // Nothing there at all is still "not found" (66).
    guard case .fileNotFound? = Self.dataError({ _ = try locator.resolve("none.csv") }) else {
      Issue.record("a missing file is not reported as missing")
      return
    }
  }

  // Case 13: magic numbers decide, and the file's name names the real problem.
  @Test func formatDetectionNamesTheRealProblem() throws {
    let dir = TemporaryDirectory()
    let cases: [(String, [UInt8], String)] = [
      ("empty.h5", [], "(offset 0): empty file (0 bytes)"),
      (
        "corrupt.h5", Array("garbage!".utf8),
        "(offset 0): not an HDF5 file: bad magic number 67 61 72 62 61 67 65 21 (expected "
          + "89 48 44 46 0d 0a 1a 0a, \"\\x89HDF\\r\\n\\x1a\\n\")"
      ),
      (
        "x.npy", [0x58, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0],
        "(offset 0): not a .npy file: bad magic number 58 4e 55 4d 50 59 01 00 (expected "
          + "93 4e 55 4d 50 59, \"\\x93NUMPY\")"
      ),
      (
        "arrays.npz", Array("not a zip".utf8),
        "(offset 0): not an NPZ (zip) archive: bad magic number 6e 6f 74 20 61 20 7a 69 "
          + "(expected 50 4b 03 04, \"PK\\x03\\x04\")"
      ),
    ]
    for (name, bytes, message) in cases {
      let path = dir.write(name, bytes)
      for read in [
        { _ = try FileFormat.detect(path) }, { _ = try ArrayFile.read(path, dataset: "x") },
      ] {
        let error = Self.dataError(read)
        #expect(error?.description == "\(path) \(message)")
        #expect(error?.exitCode == .dataError)
      }
    }
    // Unnamed text stays a CSV table.
    #expect(try FileFormat.detect(dir.write("points.data", text: "a,b\n1,2\n")) == .csv)
  }

  // Case 13: an HDF5 file cut short has its signature but not its structure: bad contents (65).
  @Test func truncatedHDF5IsBadContentsNotMissing() throws {
    let dir = TemporaryDirectory()
    let whole = dir.path + "/whole.h5"
    let x = try NDArray(shape: [50, 4], storage: .float64((0..<200).map(Double.init)))
    try HDF5File.write(whole, arrays: [("x", x)])
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: whole)))
    let path = dir.write("cut.h5", Array(bytes.prefix(bytes.count / 2)))
    let error = Self.dataError { _ = try HDF5File.read(path, dataset: "x") }
    #expect(error?.exitCode == .dataError)
    #expect(
      error?.description
        == "\(path): HDF5 could not open the file (truncated or damaged: its signature is there "
        + "but its structure is not)")
  }

  // Case 14: NUL bytes and invalid UTF-8 are refused at their line, never repaired.
  @Test func nulBytesAndInvalidUTF8AreRefused() throws {
    let nul = Array("x,label\n1.5,0\n2\u{0}7,1\n".utf8)
    let error = Self.dataError {
      _ = try nul.withUnsafeBytes { try DataTable.parse($0, origin: "t.csv") }
    }
    #expect(
      error?.description
        == "t.csv (line 3, byte offset 15): NUL byte: binary data, not text (a CSV table is "
        + "UTF-8 text)")
    #expect(error?.exitCode == .dataError)
    let latin1: [UInt8] = Array("x,".utf8) + [0x6C, 0xE9, 0x62, 0x65, 0x6C] + Array("\n1,0\n".utf8)
    #expect(
      Self.dataError {
        _ = try latin1.withUnsafeBytes { try DataTable.parse($0, origin: "t.csv") }
      }?.description
        == "t.csv (line 1, byte offset 3): invalid UTF-8 (a CSV table is UTF-8 text): a latin-1 "
        + "or Windows file converts with `iconv -f cp1252 -t utf-8 FILE > FILE-utf8.csv`")
    // A header in Chinese saved as GBK (身高 = c9ed b8df) is told to convert from GBK: cp1252
    // would convert it without complaint into mojibake (tester BH).
    let gbk: [UInt8] = [0xC9, 0xED, 0xB8, 0xDF] + Array(",label\n1,0\n".utf8)
    #expect(
      Self.dataError {
        _ = try gbk.withUnsafeBytes { try DataTable.parse($0, origin: "t.csv") }
      }?.description
        == "t.csv (line 1, byte offset 0): invalid UTF-8 (a CSV table is UTF-8 text): Chinese "
        + "text saved as GBK (Chinese Windows' \"ANSI\") converts with `iconv -f gb18030 -t "
        + "utf-8 FILE > FILE-utf8.csv`")
    // Valid UTF-8 beyond ASCII is read.
    let table = try DataTable.parse("x,étiquette\n1,0\n", origin: "t.csv")
    #expect(table.header == ["x", "étiquette"])
  }

  // Case 14: the header is the literal grammar numpy reads; nothing else is accepted.
  @Test func npyHeaderIsParsedAsLiterals() throws {
    func header(_ dict: String) -> [UInt8] {
      let text = dict + "\n"
      return NPYFile.magic + [1, 0, UInt8(text.utf8.count), 0] + Array(text.utf8) + [1, 2]
    }
    let evil = header(
      "{'descr': __import__('os').system('touch /tmp/pwned') or '|u1', "
        + "'fortran_order': False, 'shape': (2,), }")
    let error = Self.dataError {
      _ = try evil.withUnsafeBytes { try NPYFile.parse($0, origin: "e.npy") }
    }
    #expect(
      error?.description
        == "e.npy (offset 10): bad .npy header: '__import__' at character 10 is not a literal "
        + "(only strings, True, False and tuples of integers are read; nothing is evaluated) in "
        + "{'descr': __import__('os').system('touch /tmp/pwned') or '|u1', 'fortran_order': "
        + "False, 'shape': (2,), }")
    #expect(error?.exitCode == .dataError)
    for bad in [
      "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), 'extra': 1}",
      "{'descr': '|u1', 'fortran_order': 0, 'shape': (2,)}",
      "{'descr': '|u1', 'fortran_order': False, 'shape': [2]}",
      "{'descr': '|u1', 'fortran_order': False, 'shape': (2,)} + 1",
      "{'descr': '|u1', 'descr': '|u1', 'fortran_order': False, 'shape': (2,)}",
    ] {
      #expect(
        Self.dataError {
          _ = try header(bad).withUnsafeBytes { try NPYFile.parse($0, origin: "b.npy") }
        } != nil, "\(bad)")
    }
    let good = header("{\"descr\": \"|u1\", \"fortran_order\": False, \"shape\": (2, ) }")
    let array = try good.withUnsafeBytes { try NPYFile.parse($0, origin: "g.npy") }
    #expect(array.shape == [2] && array.storage == .uint8([1, 2]))
  }

  // Case 14: header-only tables, one class and fractional labels are refused at load.
  @Test func unusableTablesAreRefusedAtLoad() throws {
    let dir = TemporaryDirectory()
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    func failure(_ file: String, _ text: String, part: DataReference.Part = .whole) -> DataFailure?
    {
      dir.write(file, text: text)
      do {
        _ = try loader.load(
          .table(file: file, features: nil, target: "label"),
          target: .classification(classCount: nil),
          part: part)
        return nil
      } catch { return error }
    }
    let path = { (name: String) in dir.path + "/" + name }
    let header = failure("h.csv", "x,label\n")
    #expect(header?.reference == .source(.whole, .file))
    #expect(
      header?.description
        == "\(path("h.csv")) (line 1): the table has a header and no rows: there is no sample to "
        + "learn from")
    let one = failure("one.csv", "x,label\n1,1\n2,1\n3,1\n")
    #expect(one?.reference == .source(.whole, .target(index: 0)))
    #expect(
      one?.description
        == "\(path("one.csv")) (column 'label'): every one of the 3 labels is '1': a classifier "
        + "needs at least two classes to learn from (check the target column, or make it a "
        + "regression)")
    #expect(failure("t.csv", "x,label\n1,1\n2,1\n", part: .test) == nil)
    let half = failure("half.csv", "x,label\n1,0\n2,0.5\n3,1\n")
    #expect(half?.reference == .source(.whole, .target(index: 0)))
    #expect(
      half?.description
        == "\(path("half.csv")) (line 3, column 'label'): label 0.5 is not a class: a "
        + "classifier's labels are integers 0..k-1 or names (for a real-valued target, make the "
        + "task a regression)")
    #expect(half?.error.exitCode == .dataError)
    #expect(failure("ok.csv", "x,label\n1,0.0\n2,1.0\n") == nil)
  }

  // Every other header size: NPZ member sizes and HDF5 dataset shapes are bounded by the file.
  @Test func npzAndHDF5HeaderSizesAreBoundedByTheFile() throws {
    let dir = TemporaryDirectory()
    let x = try NDArray(shape: [4], storage: .float64([1, 2, 3, 4]))
    var zip = NPZFile.encode([("x", x)], compressed: true)
    let central = (0..<(zip.count - 4)).first {
      zip[$0..<($0 + 4)].elementsEqual([0x50, 0x4B, 1, 2])
    }!
    for k in 0..<4 { zip[central + 24 + k] = [0xF0, 0xFF, 0xFF, 0xFF][k] }
    let compressed = Int(zip[central + 20]) | Int(zip[central + 21]) << 8
    let npz = dir.write("x.npz", zip)
    let error = Self.dataError { _ = try NPZFile.read(npz, member: "x") }
    #expect(
      error?.description
        == "\(npz) (member 'x.npy', offset 0): claims 4294967280 bytes from \(compressed) "
        + "compressed bytes (damaged header)")
    #expect(error?.exitCode == .dataError)

    let h5 = dir.path + "/small.h5"
    try HDF5File.write(h5, arrays: [("x", x)])
    let size = try InputFile.checkRegular(h5)
    #expect(
      Self.dataError {
        _ = try HDF5File.checkedCount([1 << 20, 1 << 20], elementBytes: 8, h5, "x")
      }?
      .description
        == "\(h5) (dataset 'x'): shape (1048576, 1048576) needs 8796093022208 bytes, more than "
        + "the file can hold (at most \(size * 1032 + 1024) once inflated; damaged or hostile "
        + "header)")
    #expect(try HDF5File.checkedCount([4], elementBytes: 8, h5, "x") == 4)
  }

  // Case 14 for array files: one class in a separate label file; `data show` of a regression
  // table with fractional targets still works (no class balance).
  @Test func oneClassLabelFileIsRefusedAndRealTargetsAreShown() throws {
    let dir = TemporaryDirectory()
    let x = try NDArray(shape: [3, 2], storage: .float64([1, 2, 3, 4, 5, 6]))
    let y = try NDArray(shape: [3], storage: .int64([1, 1, 1]))
    dir.write("x.npy", NPYFile.encode(x))
    let labels = dir.write("y.npy", NPYFile.encode(y))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let source = DataSource.arrays(
      features: ArrayReference(file: "x.npy", dataset: nil),
      target: ArrayReference(file: "y.npy", dataset: nil))
    do {
      _ = try loader.load(source, target: .classification(classCount: nil), part: .train)
      Issue.record("one class accepted")
    } catch {
      #expect(error.reference == .source(.train, .targetFile))
      #expect(
        error.description
          == "\(labels): every one of the 3 labels is '1': a classifier needs at least two "
          + "classes to learn from (check the target column, or make it a regression)")
    }
    #expect(throws: Never.self) {
      _ = try loader.load(source, target: .classification(classCount: nil), part: .dev)
    }
    let table = dir.write("r.csv", text: "x,target\n1,0.25\n2,0.75\n")
    let shown = try DataSummary.describe(table, loader: loader)
    #expect(shown.contains("2 rows × 2 columns: x, target") && !shown.contains("class balance"))
  }
}
