import CHDF5
import Conventions
import Foundation
import Testing

@testable import Datasets

/// Hostile and damaged data found by the session-11 QA round, each refused at its file with
/// what to do: HDF5 datasets whose values are not in the file, arrays without samples, a
/// non-finite value named at its row in the file (not in a shuffled split part), and cells
/// quoted short.
@Suite struct QARoundDataTests {
  /// An HDF5 file with `y` (two classes) and, when given, a dataset `x` made by `make` from the
  /// file, a dataspace and a dataset-creation property list copied from `y`.
  static func hdf5(_ path: String, x make: @escaping (hid_t, hid_t, hid_t) -> hid_t) throws {
    try HDF5File.locked(path) {
      let file = H5Fcreate(path, runner_h5f_acc_trunc(), runner_h5p_default(), runner_h5p_default())
      defer { H5Fclose(file) }
      var dims: [hsize_t] = [4]
      let space = H5Screate_simple(1, &dims, nil)
      defer { H5Sclose(space) }
      let y = H5Dcreate2(
        file, "y", runner_h5t_native_double(), space, runner_h5p_default(), runner_h5p_default(),
        runner_h5p_default())
      defer { H5Dclose(y) }
      var labels: [Double] = [0, 1, 0, 1]
      H5Dwrite(
        y, runner_h5t_native_double(), runner_h5s_all(), runner_h5s_all(), runner_h5p_default(),
        &labels)
      let creation = H5Dget_create_plist(y)
      defer { H5Pclose(creation) }
      H5Dclose(make(file, space, creation))
    }
  }

  // A null dataspace (h5py.Empty) was read as one sample of uninitialized memory
  // (6.89896e-310), and external storage read any file the HDF5 file named (/etc/passwd).
  @Test func hdf5DatasetsWithoutValuesInTheFileAreRefused() throws {
    let dir = TemporaryDirectory()
    let null = dir.path + "/null.h5"
    try Self.hdf5(null) { file, _, _ in
      let space = H5Screate(H5S_NULL)
      defer { H5Sclose(space) }
      return H5Dcreate2(
        file, "x", runner_h5t_native_double(), space, runner_h5p_default(), runner_h5p_default(),
        runner_h5p_default())
    }
    let empty =
      "\(null), dataset 'x': holds no value (a null dataspace, h5py's h5py.Empty): write the "
      + "array into it"
    #expect(
      InputFaultTests.dataError { _ = try HDF5File.read(null, dataset: "x") }?.description == empty)
    #expect(
      InputFaultTests.dataError { _ = try DataLoader.checkMember("x", in: null) }?.description
        == empty)

    let secret = dir.write("secret.bin", Array("root:x:0:0".utf8))
    let external = dir.path + "/external.h5"
    try Self.hdf5(external) { file, space, creation in
      H5Pset_external(creation, secret, 0, 32)
      return H5Dcreate2(
        file, "x", runner_h5t_native_uint8(), space, runner_h5p_default(), creation,
        runner_h5p_default())
    }
    let elsewhere =
      "\(external), dataset 'x': its values are not in this file: stored in other files (HDF5 "
      + "external storage, first '\(secret)'); only the file the spec names is read: copy the "
      + "values into a regular dataset (h5py: f.create_dataset(name, data=x))"
    #expect(
      InputFaultTests.dataError { _ = try HDF5File.read(external, dataset: "x") }?.description
        == elsewhere)
    #expect(
      InputFaultTests.dataError { _ = try DataLoader.checkMember("x", in: external) }?.description
        == elsewhere)
    #expect(try HDF5File.read(external, dataset: "y").storage == .float64([0, 1, 0, 1]))
    // `runner data show` lists the other datasets and says why this one is not read.
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let summary = try DataSummary.describe(external, loader: loader)
    #expect(summary.contains("[x]\nnot read: its values are not in this file"), "\(summary)")
    #expect(summary.contains("[y]\n(4,) float64"), "\(summary)")
  }

  // A (0, 3) array passed `validate` and started training, which failed with "the training
  // set is empty" without naming the file.
  @Test func arrayFilesWithoutSamplesAreRefusedAtLoad() throws {
    let dir = TemporaryDirectory()
    dir.write("x.npy", NPYFile.encode(try NDArray(shape: [0, 3], storage: .float64([]))))
    dir.write("y.npy", NPYFile.encode(try NDArray(shape: [0], storage: .int64([]))))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let source = DataSource.arrays(
      features: ArrayReference(file: "x.npy"), target: ArrayReference(file: "y.npy"))
    var message: String?
    do { _ = try loader.load(source, target: .classification(classCount: nil)) } catch {
      message = "\(error)"
    }
    #expect(
      message
        == "\(dir.path)/x.npy: the features' shape (0, 3) holds no sample: there is nothing to "
        + "learn from; save the array with its rows")
    #expect(InputFaultTests.dataError { try LabeledArrays.checkWidth([0, 3], in: "x.npy") } != nil)
  }

  // With a split, a NaN at row 3 of the file was reported at the row of the shuffled part.
  @Test func aNonFiniteValueIsNamedAtItsRowInTheFile() throws {
    var values = (0..<40).map(Double.init)
    values[3 * 2 + 1] = .nan
    let x = try NDArray(shape: [20, 2], storage: .float64(values), origin: "x.npy")
    let part = x.samples([5, 3, 0]).samples([1, 2])
    #expect(part.sourceRows == [3, 0])
    #expect(
      InputFaultTests.dataError { _ = try part.matrix(Double.self) }?.description
        == "x.npy (index [3, 1], counting from 0): nan is not a finite number")
    let dir = TemporaryDirectory()
    dir.write(
      "d.npz",
      NPZFile.encode(
        [("x", x), ("y", try NDArray(shape: [20], storage: .int64((0..<20).map { $0 % 2 })))],
        compressed: false))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let configuration = DataConfiguration(
      split: .fractions(
        source: .arrays(
          features: ArrayReference(file: "d.npz", dataset: "x"),
          target: ArrayReference(file: "d.npz", dataset: "y")),
        try Fractions(train: 0.8, test: 0.2, stratified: false)),
      target: .classification(classCount: nil), seed: 0)
    var message: String?
    do { _ = try loader.prepare(configuration, as: Double.self) } catch {
      message = error.description
    }
    #expect(
      message?.contains("(index [3, 1], counting from 0): nan is not a finite number") == true,
      "\(message ?? "")")
  }

  // A 5 MB cell was echoed whole in the error (5 MB on stderr).
  @Test func aHugeCellIsQuotedShort() throws {
    let cell = String(repeating: "1", count: 5000)
    let table = try DataTable.parse("a,label\n\(cell),0\n2,1\n", origin: "t.csv")
    let message = InputFaultTests.dataError { _ = try table.numericColumns(["a"]) }?.description
    #expect(
      message
        == "t.csv (line 2, column 'a'): '\(String(repeating: "1", count: 60))…(5000 characters)' "
        + "is beyond float64's range (±1.8e308); rescale the column")
    let wide = try DataTable.parse(
      "\(String(repeating: "h", count: 500)),label\n1,0\n", origin: "w.csv")
    #expect(
      (InputFaultTests.dataError { _ = try wide.columnIndex("x") }?.description.count ?? .max) < 200
    )
    #expect("short\tcell".oneLineShort == "short\\tcell")
  }
}

extension QARoundDataTests {
  // `runner data show spec.yaml` read the spec as a CSV table: "(line 2): expected 3 fields
  // like the header, found 1".
  @Test func aSpecGivenAsADataFileIsNamedAsYAML() throws {
    let dir = TemporaryDirectory()
    let spec = dir.write(
      "x.yaml", Array("name: x\ndataset: {name: iris}\nmodel: {type: logreg}\n".utf8))
    #expect(
      InputFaultTests.dataError { _ = try FileFormat.detect(spec) }?.description
        == "\(spec): a YAML file (a spec?), not a data file (CSV, HDF5, NPY, NPZ or IDX): name "
        + "the data file itself, e.g. the spec's dataset.file")
    #expect(try FileFormat.detect(dir.write("x.csv", Array("a,b\n1,2\n".utf8))) == .csv)
  }
}

extension QARoundDataTests {
  // An encrypted NPZ member (general-purpose flag bit 0) was read as if it were plain; np.load
  // refuses it. A bzip2 member named only its method number.
  @Test func encryptedAndBzip2NPZMembersAreRefusedWithWhatToDo() throws {
    let x = try NDArray(shape: [2], storage: .float64([1, 2]))
    let plain = NPZFile.encode([("x", x)], compressed: false)
    let central = try #require(
      (0..<(plain.count - 4)).first { Array(plain[$0..<($0 + 4)]) == [0x50, 0x4B, 1, 2] })
    let dir = TemporaryDirectory()
    var encrypted = plain
    encrypted[6] |= 1  // the local header's flags
    encrypted[central + 8] |= 1  // the central directory's
    let locked = dir.write("locked.npz", encrypted)
    #expect(
      InputFaultTests.dataError { _ = try NPZFile.read(locked, member: "x") }?.description
        == "\(locked) (member 'x.npy', offset 0): encrypted member (a password-protected "
        + "archive), which np.load cannot read either: save the arrays again with np.savez")
    var bzip2 = plain
    bzip2[8] = 12
    bzip2[central + 10] = 12
    let packed = dir.write("bzip2.npz", bzip2)
    #expect(
      InputFaultTests.dataError { _ = try NPZFile.read(packed, member: "x") }?.description
        == "\(packed) (member 'x.npy', offset 0): unsupported compression method 12 (bzip2) "
        + "(stored and deflated are read, as np.savez and np.savez_compressed write them): "
        + "save the arrays again with np.savez_compressed")
    #expect(try NPZFile.read(dir.write("plain.npz", plain), member: "x").storage == x.storage)
  }
}

extension QARoundDataTests {
  // A table gzipped twice (Python's gzip reads one layer) was called "NUL byte: binary data".
  @Test func aTableCompressedTwiceIsNamedSo() throws {
    let dir = TemporaryDirectory()
    let twice = dir.write(
      "t.csv.gz", HostileDataTests.gzip(HostileDataTests.gzip(HostileDataTests.csv)))
    #expect(
      InputFaultTests.dataError { _ = try DataTable.read(twice) }?.description
        == "\(twice) (offset 0): inflated, it starts with gzip's magic number 1f 8b: compressed "
        + "twice? gunzip it once")
  }
}

extension QARoundDataTests {
  // RUNNER_MEMORY_LIMIT=99999999999999999999999T crashed `runner validate` ("Double value
  // cannot be converted to Int") when the limit was printed.
  @Test func aHugeMemoryLimitIsPrintedWithoutTrapping() throws {
    let limit = try #require(MemoryBudget.parse("99999999999999999999999T"))
    #expect(MemoryBudget.format(limit) == "9.77e+19 PB")
    #expect(MemoryBudget.format(1024 * 1024 * 1024 * 3) == "3 GB")
  }
}

extension QARoundDataTests {
  // XDG_CACHE_HOME pointing at a file said "cannot create the cache directory: The operation
  // could not be completed. (NSCocoaErrorDomain error 512.)" and nothing to do about it.
  @Test func aCacheThatIsAFileIsNamedWithWhatToDo() throws {
    let (dataset, _) = try DatasetFetcherTests().fixture()
    let dir = TemporaryDirectory()
    let file = dir.write("cache", Array("not a folder".utf8))
    let fetcher = DatasetFetcher(
      locator: DataLocator(searchDirectories: [dir.path]), cacheDirectory: file,
      mirrors: ["http://127.0.0.1:9/"])
    let message = InputFaultTests.dataError { _ = try fetcher.ensure(dataset) }?.description
    #expect(
      message
        == "\(file)/tiny/images.gz: cannot write: cannot create the cache directory \(file)/tiny "
        + "(\(file) is a file, not a folder): set XDG_CACHE_HOME to a writable folder, or put "
        + "the file on the data search path")
  }
}

extension QARoundDataTests {
  // An unreadable data file said "cannot read: The operation could not be completed. You don’t
  // have permission." (Foundation's words), `runner data show` of the same file "Permission
  // denied": the system's words now, with what to do.
  @Test func anUnreadableFileIsNamedInTheSystemsWords() {
    let denied = "Permission denied (make it readable by this user, or copy it)"
    let posix = NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))
    #expect(
      FileBytes.reason(
        NSError(
          domain: NSCocoaErrorDomain, code: NSFileReadNoPermissionError,
          userInfo: [NSUnderlyingErrorKey: posix])) == denied)
    #expect(
      FileBytes.reason(NSError(domain: NSCocoaErrorDomain, code: NSFileReadNoPermissionError))
        == denied)
    #expect(
      FileBytes.reason(NSError(domain: NSPOSIXErrorDomain, code: Int(EIO))) == "Input/output error")
  }
}

extension QARoundDataTests {
  // `runner data show` of a table with a 5 MB cell printed 15 MB: the header padded to the
  // cell's width, then the cell.
  @Test func dataShowQuotesLongCellsShort() throws {
    let dir = TemporaryDirectory()
    let cell = String(repeating: "7", count: 5000)
    let path = dir.write("long.csv", Array("a,label\n\(cell),0\n2,1\n".utf8))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let summary = try DataSummary.describe(path, loader: loader)
    #expect(summary.count < 600, "\(summary.count) characters")
    #expect(summary.contains(String(repeating: "7", count: 60) + "…(5000 characters)"))
  }
}
