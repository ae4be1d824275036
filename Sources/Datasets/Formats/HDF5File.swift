import CHDF5
import Conventions
import Foundation

/// Reads named datasets from HDF5 files through the HDF5 C library.
///
/// Any integer or float dataset (any byte order: HDF5 converts to native order) becomes an
/// `NDArray` of the matching element type; fixed- and variable-length string datasets
/// (the cat files' `list_classes`) are read with `readStrings`. The serial HDF5 library is not
/// thread-safe, so every call holds one process-wide lock.
public enum HDF5File {
  /// Serializes all HDF5 calls (the Debian build is not thread-safe).
  static let lock = NSLock()
  nonisolated(unsafe) static var started = false
  /// Every HDF5 call runs through it: a damaged file that crashes libhdf5 is refused by name.
  static let crashGuard = CrashGuard(
    library: "HDF5", remedy: "re-create it, e.g. save the arrays again with h5py")

  /// Runs `body`, which touches the file at `path`, holding the HDF5 lock, with HDF5's own
  /// stderr error printing turned off for the calling thread (a thread-safe HDF5 build keeps
  /// that setting per thread, so a sweep's worker would otherwise print HDF5's error stack);
  /// a crash inside HDF5 is refused as damage to that file (`crashGuard`).
  static func locked<R>(_ path: String, _ body: @escaping () throws -> R) throws -> R {
    lock.lock()
    defer { lock.unlock() }
    return try crashGuard.run(path) {
      if !started {
        runner_h5_start()
        started = true
      }
      runner_h5_silence_errors()
      return try body()
    }
  }

  /// Names of every dataset in the file (`"x"`, `"group/x"`), in name order.
  public static func datasetNames(in path: String) throws -> [String] {
    try locked(path) {
      let file = try open(path)
      defer { H5Fclose(file) }
      return try rootDatasetNames(file, path: path)
    }
  }

  /// Runs `body` on dataset `name` of the file at `path`, opened for it, holding the lock.
  static func withDataset<R>(
    _ name: String, in path: String, _ body: @escaping (hid_t) throws -> R
  ) throws -> R {
    try locked(path) {
      let file = try open(path)
      defer { H5Fclose(file) }
      let dset = try openDataset(file, name, path: path)
      defer { H5Dclose(dset) }
      return try body(dset)
    }
  }

  /// How errors name dataset `name` of the file at `path`.
  static func origin(_ path: String, _ name: String) -> String { "\(path), dataset '\(name)'" }

  /// The shape of dataset `name`, from the file's metadata (no element is read); with
  /// `checkingType`, a dataset that `read` would refuse for its element type is refused too.
  static func shape(of name: String, in path: String, checkingType: Bool = false) throws -> [Int] {
    try withDataset(name, in: path) { dset in
      let shape = try dataspaceShape(dset, path: path, name: name)
      if checkingType {
        let fileType = H5Dget_type(dset)
        defer { H5Tclose(fileType) }
        let type = try elementType(of: fileType, origin: Self.origin(path, name))
        // A shape no file of this size holds is a damaged header, said as the read says it,
        // before a count it contradicts blames the other dataset (tester BU-1).
        _ = try checkedCount(shape, elementBytes: type.byteCount, path, name)
      }
      return shape
    }
  }

  /// The numeric dataset `name` (`"train_set_x"`, or a path such as `"group/x"`).
  public static func read(_ path: String, dataset name: String) throws -> NDArray {
    try withDataset(name, in: path) { dset in
      let origin = Self.origin(path, name)
      let shape = try dataspaceShape(dset, path: path, name: name)
      let fileType = H5Dget_type(dset)
      defer { H5Tclose(fileType) }
      let elementType = try elementType(of: fileType, origin: origin)
      let count = try checkedCount(shape, elementBytes: elementType.byteCount, path, name)
      let memType = nativeType(elementType)
      func readInto<E>(_: E.Type) throws -> [E] {
        var status: herr_t = 0
        let values = [E](unsafeUninitializedCapacity: count) { buffer, initialized in
          if count > 0 {
            status = H5Dread(
              dset, memType, runner_h5s_all(), runner_h5s_all(), runner_h5p_default(),
              buffer.baseAddress)
          }
          initialized = status < 0 ? 0 : count
        }
        if status < 0 {
          throw readFailure(dset, path, name, "data")
        }
        return values
      }
      let storage: ArrayStorage
      switch elementType {
      case .bool, .uint8: storage = .uint8(try readInto(UInt8.self))
      case .int8: storage = .int8(try readInto(Int8.self))
      case .uint16: storage = .uint16(try readInto(UInt16.self))
      case .int16: storage = .int16(try readInto(Int16.self))
      case .uint32: storage = .uint32(try readInto(UInt32.self))
      case .int32: storage = .int32(try readInto(Int32.self))
      case .uint64: storage = .uint64(try readInto(UInt64.self))
      case .int64: storage = .int64(try readInto(Int64.self))
      case .float32: storage = .float32(try readInto(Float.self))
      case .float64: storage = .float64(try readInto(Double.self))
      }
      return NDArray(checkedShape: shape, storage: storage, origin: origin)
    }
  }

  /// The string dataset `name`, one string per element (fixed-length strings lose their NUL
  /// or space padding).
  public static func readStrings(_ path: String, dataset name: String) throws -> [String] {
    try withDataset(name, in: path) { dset in
      let shape = try dataspaceShape(dset, path: path, name: name)
      let fileType = H5Dget_type(dset)
      defer { H5Tclose(fileType) }
      let count = try checkedCount(shape, elementBytes: max(1, H5Tget_size(fileType)), path, name)
      guard H5Tget_class(fileType) == H5T_STRING else {
        throw DataError.malformed(
          file: path, location: "dataset '\(name)'", reason: "not a string dataset")
      }
      let memType = H5Tcopy(runner_h5t_c_s1())
      defer { H5Tclose(memType) }
      if H5Tis_variable_str(fileType) > 0 {
        H5Tset_size(memType, Int(bitPattern: UInt(bitPattern: -1)))  // H5T_VARIABLE
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
        guard
          H5Dread(
            dset, memType, runner_h5s_all(), runner_h5s_all(), runner_h5p_default(), &pointers) >= 0
        else {
          throw readFailure(dset, path, name, "strings")
        }
        let strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
        for p in pointers { free(p) }
        return strings
      }
      let size = H5Tget_size(fileType)
      H5Tset_size(memType, size)
      H5Tset_strpad(memType, H5T_STR_NULLPAD)
      var bytes = [UInt8](repeating: 0, count: count * size)
      guard
        H5Dread(dset, memType, runner_h5s_all(), runner_h5s_all(), runner_h5p_default(), &bytes)
          >= 0
      else {
        throw readFailure(dset, path, name, "strings")
      }
      return (0..<count).map { i in
        var field = bytes[(i * size)..<((i + 1) * size)]
        while let last = field.last, last == 0 || last == 32 { field = field.dropLast() }
        return String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
      }
    }
  }
}
