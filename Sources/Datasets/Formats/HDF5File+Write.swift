import CHDF5
import Foundation

extension HDF5File {
  /// Writes numeric arrays and fixed-length string lists as datasets of a new HDF5 file
  /// (replacing any file at `path`). Used to build test fixtures and exports; `bigEndian`
  /// stores numbers in big-endian order to exercise conversion on read.
  public static func write(
    _ path: String, arrays: [(name: String, array: NDArray)],
    strings: [(name: String, values: [String])] = [],
    bigEndian: Bool = false
  ) throws {
    try locked(path) {
      let file = H5Fcreate(path, runner_h5f_acc_trunc(), runner_h5p_default(), runner_h5p_default())
      guard file >= 0 else {
        throw DataError.unreadable(file: path, reason: "HDF5 could not create the file")
      }
      defer { H5Fclose(file) }
      let linkCreation = runner_h5_intermediate_groups_lcpl()
      defer { H5Pclose(linkCreation) }
      for (name, array) in arrays {
        var dims = array.shape.map { hsize_t($0) }
        let space = H5Screate_simple(Int32(dims.count), &dims, nil)
        defer { H5Sclose(space) }
        let memType = nativeType(array.elementType)
        let fileType = H5Tcopy(memType)
        defer { H5Tclose(fileType) }
        if bigEndian { H5Tset_order(fileType, H5T_ORDER_BE) }
        let dset = H5Dcreate2(
          file, name, fileType, space, linkCreation, runner_h5p_default(), runner_h5p_default())
        guard dset >= 0 else {
          throw DataError.unreadable(file: path, reason: "cannot create dataset '\(name)'")
        }
        defer { H5Dclose(dset) }
        var bytes = array.storage.encodedBytes(bigEndian: false)
        if bytes.isEmpty { continue }
        guard
          H5Dwrite(dset, memType, runner_h5s_all(), runner_h5s_all(), runner_h5p_default(), &bytes)
            >= 0
        else {
          throw DataError.unreadable(file: path, reason: "cannot write dataset '\(name)'")
        }
      }
      for (name, values) in strings {
        let size = max(1, values.map { $0.utf8.count }.max() ?? 1)
        var dims = [hsize_t(values.count)]
        let space = H5Screate_simple(1, &dims, nil)
        defer { H5Sclose(space) }
        let type = H5Tcopy(runner_h5t_c_s1())
        defer { H5Tclose(type) }
        H5Tset_size(type, size)
        H5Tset_strpad(type, H5T_STR_NULLPAD)
        let dset = H5Dcreate2(
          file, name, type, space, linkCreation, runner_h5p_default(), runner_h5p_default())
        guard dset >= 0 else {
          throw DataError.unreadable(file: path, reason: "cannot create dataset '\(name)'")
        }
        defer { H5Dclose(dset) }
        var bytes = [UInt8]()
        for v in values {
          bytes += Array(v.utf8) + [UInt8](repeating: 0, count: size - v.utf8.count)
        }
        guard
          H5Dwrite(dset, type, runner_h5s_all(), runner_h5s_all(), runner_h5p_default(), &bytes)
            >= 0
        else {
          throw DataError.unreadable(file: path, reason: "cannot write dataset '\(name)'")
        }
      }
    }
  }
}
