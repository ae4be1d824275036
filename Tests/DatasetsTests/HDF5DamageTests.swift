import CHDF5
import Foundation
import Testing

@testable import Datasets

/// A damaged HDF5 file, made from a good one's bytes by rewriting one dataset's layout
/// message (version 3: class, then a contiguous dataset's address and size).
enum DamagedHDF5 {
  /// The file at `path` with dataset `name`'s layout rewritten by `damage` (given the file's
  /// bytes and the offset of the layout's class byte).
  static func damage(
    _ path: String, dataset name: String, _ damage: (inout [UInt8], Int) -> Void
  ) throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let offset = try #require(try layoutOffset(bytes, path: path, dataset: name))
    damage(&bytes, offset)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  /// The offset of the class byte of the only contiguous layout message whose address and size
  /// are those HDF5 reports for the dataset.
  static func layoutOffset(_ bytes: [UInt8], path: String, dataset name: String) throws -> Int? {
    let (address, size) = try HDF5File.locked(path) { () -> (UInt64, UInt64) in
      guard let file = try? HDF5File.open(path) else { return (0, 0) }
      defer { H5Fclose(file) }
      let dset = H5Dopen2(file, name, runner_h5p_default())
      defer { H5Dclose(dset) }
      return (UInt64(H5Dget_offset(dset)), UInt64(H5Dget_storage_size(dset)))
    }
    func number(_ at: Int) -> UInt64 {
      (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) }
    }
    let found = (1..<(bytes.count - 17)).filter {
      bytes[$0 - 1] == 3 && bytes[$0] == 1 && number($0 + 1) == address
        && number($0 + 9) == size
    }
    return found.count == 1 ? found[0] : nil
  }

  /// Turns the layout into compact storage holding `size` bytes (the bytes after it in the
  /// header).
  static func compact(_ size: Int) -> (inout [UInt8], Int) -> Void {
    { bytes, at in
      bytes[at] = 0
      bytes[at + 1] = UInt8(size & 0xff)
      bytes[at + 2] = UInt8(size >> 8)
    }
  }

  /// Rewrites the contiguous layout's address (`field` 0) or size (`field` 1) as `value`.
  static func contiguous(field: Int, _ value: UInt64) -> (inout [UInt8], Int) -> Void {
    { bytes, at in
      for i in 0..<8 { bytes[at + 1 + 8 * field + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
    }
  }
}

// A dataset whose layout was damaged into compact storage smaller than its shape was read
// past the bytes HDF5 held (training on memory outside the file, or a crash in `data show`);
// one the file listed but HDF5 could not open was reported as missing ("no dataset named 'x';
// available: 'x'").
@Suite struct HDF5DamageTests {
  /// A file holding `x` (5 × 3 float32, 60 bytes), `y` (5 int64, 40 bytes) and `names`
  /// (two 7-byte strings).
  static func file(_ dir: TemporaryDirectory, _ name: String = "xy.h5") throws -> String {
    let path = dir.path + "/" + name
    try HDF5File.write(
      path,
      arrays: [
        ("x", try NDArray(shape: [5, 3], storage: .float32((0..<15).map(Float.init)))),
        ("y", try NDArray(shape: [5], storage: .int64([0, 1, 0, 1, 1]))),
      ],
      strings: [("names", ["non-cat", "cat"])])
    return path
  }

  /// The error of `body`, which must throw a `DataError` with exit status 65.
  static func refusal(_ body: () throws -> Void) -> String? {
    do {
      try body()
    } catch let error as DataError {
      #expect(error.exitCode == 65)
      return error.description
    } catch {
      Issue.record("not a DataError: \(error)")
    }
    return nil
  }

  /// Every read of dataset `name` of `path`, and `data show` of the file, refuses it with
  /// `message`.
  static func expectEveryReadRefuses(_ path: String, _ name: String, _ message: String) {
    let loader = DataLoader(locator: DataLocator(searchDirectories: []))
    #expect(refusal { _ = try HDF5File.read(path, dataset: name) } == message)
    #expect(refusal { _ = try HDF5File.shape(of: name, in: path, checkingType: true) } == message)
    #expect(refusal { _ = try DataLoader.checkMember(name, in: path) } == message)
    #expect(refusal { _ = try ArrayFile.read(path, dataset: name) } == message)
    #expect(refusal { _ = try DataSummary.describe(path, loader: loader) } == message)
    #expect(StoredShape.hdf5Dims(path, name) == nil)
  }

  @Test func compactStorageSmallerThanTheShapeIsRefusedByEveryRead() throws {
    let dir = TemporaryDirectory()
    let path = try Self.file(dir)
    #expect(try HDF5File.read(path, dataset: "x").shape == [5, 3])
    try DamagedHDF5.damage(path, dataset: "x", DamagedHDF5.compact(16))
    Self.expectEveryReadRefuses(
      path, "x",
      "\(path): dataset 'x' is damaged: its compact storage holds 16 bytes, its shape (5, 3) of "
        + "float32 needs 60")
    #expect(try HDF5File.read(path, dataset: "y").shape == [5])

    try DamagedHDF5.damage(path, dataset: "y", DamagedHDF5.compact(0))
    #expect(
      Self.refusal { _ = try HDF5File.read(path, dataset: "y") }
        == "\(path): dataset 'y' is damaged: its compact storage holds 0 bytes, its shape (5,) of "
        + "int64 needs 40")
  }

  @Test func aDamagedStringDatasetIsRefused() throws {
    let dir = TemporaryDirectory()
    let path = try Self.file(dir)
    try DamagedHDF5.damage(path, dataset: "names", DamagedHDF5.compact(3))
    #expect(
      Self.refusal { _ = try HDF5File.readStrings(path, dataset: "names") }
        == "\(path): dataset 'names' is damaged: its compact storage holds 3 bytes, its shape "
        + "(2,) of 7-byte strings needs 14")
  }

  @Test func contiguousStorageShortOrPastTheFileIsRefused() throws {
    let dir = TemporaryDirectory()
    let path = try Self.file(dir)
    let size = try InputFile.checkRegular(path)
    try DamagedHDF5.damage(path, dataset: "x", DamagedHDF5.contiguous(field: 1, 20))
    Self.expectEveryReadRefuses(
      path, "x",
      "\(path): dataset 'x' is damaged: its contiguous storage holds 20 bytes, its shape (5, 3) "
        + "of float32 needs 60")

    let far = try Self.file(dir, "far.h5")
    try DamagedHDF5.damage(far, dataset: "x", DamagedHDF5.contiguous(field: 0, UInt64(size - 30)))
    Self.expectEveryReadRefuses(
      far, "x",
      "\(far): dataset 'x' is damaged: its values (60 bytes from offset \(size - 30)) run past "
        + "the end of the file (\(size) bytes)")
  }

  @Test func aListedDatasetThatDoesNotOpenIsDamagedNotMissing() throws {
    let dir = TemporaryDirectory()
    let path = try Self.file(dir)
    try DamagedHDF5.damage(path, dataset: "x", DamagedHDF5.compact(0xffff))
    #expect(try HDF5File.datasetNames(in: path) == ["names", "x", "y"])
    Self.expectEveryReadRefuses(
      path, "x",
      "\(path): dataset 'x' is damaged: HDF5 cannot open it (storage size exceeds buffer size)")
    #expect(
      Self.refusal { _ = try HDF5File.read(path, dataset: "z") }
        == "\(path): no dataset named 'z'; available: 'names', 'x', 'y'")
  }

  // A chunk that does not inflate said only "HDF5 could not read the data".
  @Test func aDamagedChunkIsRefusedWithHDF5sReason() throws {
    let dir = TemporaryDirectory()
    let path = dir.path + "/chunked.h5"
    try HDF5File.locked(path) {
      let file = H5Fcreate(path, runner_h5f_acc_trunc(), runner_h5p_default(), runner_h5p_default())
      defer { H5Fclose(file) }
      var dims: [hsize_t] = [64]
      let space = H5Screate_simple(1, &dims, nil)
      defer { H5Sclose(space) }
      let create = H5Pcreate(runner_h5p_dataset_create())
      defer { H5Pclose(create) }
      var chunk: [hsize_t] = [64]
      H5Pset_chunk(create, 1, &chunk)
      H5Pset_deflate(create, 6)
      let type = runner_h5t_native_double()
      let dset = H5Dcreate2(
        file, "x", type, space, runner_h5p_default(), create, runner_h5p_default())
      defer { H5Dclose(dset) }
      var values = (0..<64).map(Double.init)
      H5Dwrite(dset, type, runner_h5s_all(), runner_h5s_all(), runner_h5p_default(), &values)
    }
    #expect(try HDF5File.read(path, dataset: "x").shape == [64])
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    // The zlib stream of the one chunk (header 78 9C), its first deflate bytes garbled.
    let stream = try #require(
      (0..<(bytes.count - 8)).first { bytes[$0] == 0x78 && bytes[$0 + 1] == 0x9c })
    bytes.replaceSubrange((stream + 2)..<(stream + 6), with: [0xff, 0xff, 0xff, 0xff])
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(
      Self.refusal { _ = try HDF5File.read(path, dataset: "x") }
        == "\(path) (dataset 'x'): HDF5 could not read the data (inflate() failed)")
  }
}
