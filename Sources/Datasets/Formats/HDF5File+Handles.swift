import CHDF5
import Conventions
import Foundation

/// The HDF5 handles and checks the reads use, each called with the lock held: opening a file
/// and a dataset, listing the root's datasets, and a dataset's shape and element type.
extension HDF5File {
  static func open(_ path: String) throws -> hid_t {
    let size = try InputFile.checkRegular(path)
    guard size > 0 else {
      throw DataError.malformed(
        file: path, location: "offset 0", reason: "empty file (0 bytes), not an HDF5 file")
    }
    guard H5Fis_hdf5(path) > 0 else {
      throw DataError.malformed(
        file: path, location: "offset 0",
        reason: "not an HDF5 file (no HDF5 signature \\x89HDF\\r\\n\\x1a\\n)")
    }
    let file = H5Fopen(path, runner_h5f_acc_rdonly(), runner_h5p_default())
    guard file >= 0 else {
      throw DataError.malformed(
        file: path, location: nil,
        reason: "HDF5 could not open the file (truncated or damaged: its signature is there but "
          + "its structure is not)")
    }
    return file
  }

  /// Opens dataset `name`; one the file lists but HDF5 cannot open (a damaged header) is
  /// refused as damaged, with HDF5's reason, not as missing.
  static func openDataset(_ file: hid_t, _ name: String, path: String) throws -> hid_t {
    try checkInFile(file, name, path: path)
    let dset = H5Dopen2(file, name, runner_h5p_default())
    guard dset >= 0 else {
      let reason = errorReason()
      let names = (try? rootDatasetNames(file, path: path)) ?? []
      guard names.contains(name) else {
        throw DataError.datasetNotFound(file: path, dataset: name, available: names)
      }
      throw damaged(path, name, "HDF5 cannot open it" + (reason.isEmpty ? "" : " (\(reason))"))
    }
    return dset
  }

  /// The most specific message on HDF5's error stack ("" when there is none).
  static func errorReason() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    runner_h5_error_reason(&buffer)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The error for dataset `name` (open as `dset`) of the file at `path` whose `what` (data,
  /// strings) HDF5 could not read: a filter this library lacks, named, else HDF5's reason (a
  /// damaged chunk).
  static func readFailure(_ dset: hid_t, _ path: String, _ name: String, _ what: String)
    -> DataError
  {
    let reason = errorReason()
    if let filter = missingFilter(dset) {
      return .malformed(
        file: path, location: "dataset '\(name)'",
        reason: "its values are compressed with \(filter), which this HDF5 library lacks: "
          + "rewrite the dataset with gzip compression (h5py: compression='gzip')")
    }
    return .malformed(
      file: path, location: "dataset '\(name)'",
      reason: "HDF5 could not read the \(what)" + (reason.isEmpty ? "" : " (\(reason))"))
  }

  /// The error for dataset `name` of the file at `path` whose header is damaged: `why`.
  static func damaged(_ path: String, _ name: String, _ why: String) -> DataError {
    .malformed(file: path, location: nil, reason: "dataset '\(name)' is damaged: \(why)")
  }

  /// Every dataset in `group` and its subgroups (to a depth of 8), as paths such as
  /// `"train_set_x"` or `"group/x"`, in name order.
  static func rootDatasetNames(_ group: hid_t, path: String, prefix: String = "", depth: Int = 0)
    throws
    -> [String]
  {
    var info = H5G_info_t()
    guard H5Gget_info(group, &info) >= 0 else {
      throw DataError.malformed(
        file: path, location: nil, reason: "cannot list the group '/\(prefix)'")
    }
    var names: [String] = []
    for i in 0..<info.nlinks {
      let length = runner_h5_link_name(group, i, nil, 0)
      guard length >= 0 else { continue }
      var buffer = [CChar](repeating: 0, count: Int(length) + 1)
      _ = runner_h5_link_name(group, i, &buffer, buffer.count)
      let name = String(
        decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      // A link out of the file is listed, never followed (`openDataset` refuses it).
      if leavesFile(group, "/" + prefix + name) != nil {
        names.append(prefix + name)
        continue
      }
      var objectInfo = H5O_info_t()
      guard
        H5Oget_info_by_name2(group, name, &objectInfo, UInt32(H5O_INFO_BASIC), runner_h5p_default())
          >= 0
      else { continue }
      if objectInfo.type == H5O_TYPE_DATASET {
        names.append(prefix + name)
      } else if objectInfo.type == H5O_TYPE_GROUP, depth < 8 {
        let child = H5Gopen2(group, name, runner_h5p_default())
        guard child >= 0 else { continue }
        defer { H5Gclose(child) }
        names += try rootDatasetNames(
          child, path: path, prefix: prefix + name + "/", depth: depth + 1)
      }
    }
    return names
  }

  /// The element count of `shape`, once its bytes are known to fit in what the file can hold
  /// (its size, expanded at most as much as deflate can) and in memory.
  static func checkedCount(_ shape: [Int], elementBytes: Int, _ path: String, _ name: String)
    throws -> Int
  {
    let location = "dataset '\(name)'"
    guard let count = ShapeMath.elementCount(shape),
      case (let bytes, let overflow) = count.multipliedReportingOverflow(by: elementBytes),
      !overflow
    else {
      throw DataError.malformed(
        file: path, location: location, reason: "impossible shape \(NDArray.describe(shape))")
    }
    let what = "shape \(NDArray.describe(shape))"
    let most = HeaderBounds.maximumInflatedSize(ofCompressed: try InputFile.checkRegular(path))
    guard bytes <= most else {
      throw DataError.malformed(
        file: path, location: location,
        reason: "\(what) needs \(bytes) bytes, more than the file can hold (at most \(most) "
          + "once inflated; damaged or hostile header)")
    }
    try HeaderBounds.checkArray(bytes: bytes, file: path, location: location, what: what)
    return count
  }

  /// The extents of dataset `name` of the file at `path`, once its values are known to be in
  /// the file itself and whole: a null dataspace (no value: reading it gave uninitialized
  /// memory), external storage or a virtual dataset (values in other files, which the spec
  /// never named) are refused, and so is storage smaller than the shape (`checkStorage`) or
  /// chunks too large to inflate (`checkChunks`).
  static func dataspaceShape(_ dset: hid_t, path: String, name: String) throws -> [Int] {
    let origin = Self.origin(path, name)
    let plist = H5Dget_create_plist(dset)
    defer { H5Pclose(plist) }
    var place: String?
    if H5Pget_layout(plist) == H5D_VIRTUAL {
      place = "a virtual dataset, mapped from other datasets or files"
    } else if H5Pget_external_count(plist) > 0 {
      var name = [CChar](repeating: 0, count: 256)
      var offset = off_t()
      var size = hsize_t()
      H5Pget_external(plist, 0, name.count, &name, &offset, &size)
      let file = String(
        decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      place = "stored in other files (HDF5 external storage, first '\(file.oneLine)')"
    }
    if let place { throw notInFile(origin, place) }
    let space = H5Dget_space(dset)
    defer { H5Sclose(space) }
    if H5Sget_simple_extent_type(space) == H5S_NULL {
      throw DataError.malformed(
        file: origin, location: nil,
        reason: "holds no value (a null dataspace, h5py's h5py.Empty): write the array into it")
    }
    let rank = H5Sget_simple_extent_ndims(space)
    guard rank >= 0 else {
      throw DataError.malformed(file: origin, location: nil, reason: "unreadable dataspace")
    }
    var dims = [hsize_t](repeating: 0, count: Int(rank))
    if rank > 0 { H5Sget_simple_extent_dims(space, &dims, nil) }
    let shape = dims.map { Int($0) }
    try checkStorage(dset, layout: H5Pget_layout(plist), shape: shape, path: path, name: name)
    try checkChunks(dset, plist, shape: shape, path: path, name: name)
    return shape
  }

  /// Refuses a dataset whose stored values are fewer bytes than its shape needs, which HDF5
  /// 1.10 would read past (memory outside the file: numbers that change on every run, or a
  /// crash): compact storage (the values inside the header) smaller than the shape, or
  /// contiguous storage smaller than it or running past the end of the file. Chunked storage
  /// is checked by HDF5 as it reads each chunk.
  static func checkStorage(
    _ dset: hid_t, layout: H5D_layout_t, shape: [Int], path: String, name: String
  ) throws {
    guard layout == H5D_COMPACT || layout == H5D_CONTIGUOUS else { return }
    let type = H5Dget_type(dset)
    defer { H5Tclose(type) }
    // A variable-length element is stored as its length and a global heap ID (an address and
    // an index); a compound holding such a field is never read, so it is not checked.
    let variable = H5Tis_variable_str(type) > 0 || H5Tget_class(type) == H5T_VLEN
    guard variable || H5Tdetect_class(type, H5T_VLEN) <= 0 else { return }
    let elementBytes = variable ? 8 + addressSize(dset) : H5Tget_size(type)
    let offset = H5Dget_offset(dset)
    guard layout == H5D_COMPACT || offset != haddr_t.max,  // contiguous, not written: fill values
      let count = ShapeMath.elementCount(shape),
      case (let needed, false) = count.multipliedReportingOverflow(by: elementBytes)
    else { return }  // an impossible shape is refused by `checkedCount`
    let held = Int(clamping: H5Dget_storage_size(dset))
    if held < needed {
      throw damaged(
        path, name,
        "its \(layout == H5D_COMPACT ? "compact" : "contiguous") storage holds \(held) bytes, "
          + "its shape \(NDArray.describe(shape)) of \(describe(type)) needs \(needed)")
    }
    let fileSize = haddr_t(try InputFile.checkRegular(path))
    if layout == H5D_CONTIGUOUS, offset > fileSize || fileSize - offset < haddr_t(needed) {
      throw damaged(
        path, name,
        "its values (\(needed) bytes from offset \(offset)) run past the end of the file "
          + "(\(fileSize) bytes)")
    }
  }

  /// The size of a file address in the file holding `dset` (8 unless it was made smaller).
  static func addressSize(_ dset: hid_t) -> Int {
    let file = H5Iget_file_id(dset)
    defer { H5Fclose(file) }
    let plist = H5Fget_create_plist(file)
    defer { H5Pclose(plist) }
    var address = 8
    var length = 8
    H5Pget_sizes(plist, &address, &length)
    return address
  }

  /// `uint8`, `7-byte strings`, `variable-length strings`: a dataset's element type in errors.
  static func describe(_ type: hid_t) -> String {
    if let numeric = try? elementType(of: type, origin: "") { return numeric.rawValue }
    if H5Tis_variable_str(type) > 0 { return "variable-length strings" }
    let size = H5Tget_size(type)
    return H5Tget_class(type) == H5T_STRING ? "\(size)-byte strings" : "\(size)-byte elements"
  }

  static func elementType(of type: hid_t, origin: String) throws -> ElementType {
    let size = H5Tget_size(type)
    switch H5Tget_class(type) {
    case H5T_INTEGER:
      let signed = H5Tget_sign(type) == H5T_SGN_2
      switch size {
      case 1: return signed ? .int8 : .uint8
      case 2: return signed ? .int16 : .uint16
      case 4: return signed ? .int32 : .uint32
      case 8: return signed ? .int64 : .uint64
      default: break
      }
    case H5T_FLOAT:
      if size == 4 { return .float32 }
      if size == 8 { return .float64 }
      if size == 2 {
        throw DataError.malformed(
          file: origin, location: nil,
          reason: "holds float16 numbers (2-byte floats), which are not read: store them as "
            + "float32 (h5py: data=x.astype(np.float32))")
      }
    case H5T_ENUM where size == 1:
      // h5py stores a numpy bool array as an enum of FALSE and TRUE.
      throw DataError.malformed(
        file: origin, location: nil,
        reason: "holds a 1-byte enum (h5py's bool arrays are stored so), not numbers: store it "
          + "as uint8 (h5py: data=x.astype(np.uint8))")
    case H5T_STRING:
      throw DataError.malformed(
        file: origin, location: nil,
        reason: "holds strings, not numbers: features and targets are numeric datasets (for "
          + "named classes, store indices 0..k-1 and the names in a 'list_classes' dataset)")
    case H5T_COMPOUND:
      throw DataError.malformed(
        file: origin, location: nil,
        reason: "holds records of several fields (a compound type), not numbers: store each "
          + "field as its own numeric dataset")
    default: break
    }
    let kinds: [H5T_class_t: String] = [
      H5T_TIME: "time", H5T_BITFIELD: "bit field", H5T_OPAQUE: "opaque", H5T_REFERENCE: "reference",
      H5T_ENUM: "enum", H5T_VLEN: "variable-length", H5T_ARRAY: "array",
    ]
    let kind = kinds[H5Tget_class(type)] ?? "class \(H5Tget_class(type).rawValue)"
    throw DataError.malformed(
      file: origin, location: nil,
      reason: "unsupported HDF5 element type (\(size)-byte \(kind)); integer and float datasets "
        + "of 1 to 8 bytes are read: convert it to one")
  }

  static func nativeType(_ type: ElementType) -> hid_t {
    switch type {
    case .bool, .uint8: return runner_h5t_native_uint8()
    case .int8: return runner_h5t_native_int8()
    case .uint16: return runner_h5t_native_uint16()
    case .int16: return runner_h5t_native_int16()
    case .uint32: return runner_h5t_native_uint32()
    case .int32: return runner_h5t_native_int32()
    case .uint64: return runner_h5t_native_uint64()
    case .int64: return runner_h5t_native_int64()
    case .float32: return runner_h5t_native_float()
    case .float64: return runner_h5t_native_double()
    }
  }
}
