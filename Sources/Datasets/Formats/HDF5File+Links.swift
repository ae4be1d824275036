import CHDF5
import Conventions

/// Links that lead out of the file: HDF5 follows an external link (or a soft link to one)
/// silently, so a run would train on another file's values, which the spec never named and
/// `data_files.csv` does not record (editing that file changed the results while every
/// digest stayed the same); reading them is refused, each called with the lock held.
extension HDF5File {
  /// Where the link at `name` (a path under `loc`) or one on its way leads out of the file:
  /// `an external link to 'other.h5', object '/x'`; nil when every link stays in the file.
  /// Follows soft links (8 deep at most) but never an external one.
  static func leavesFile(_ loc: hid_t, _ name: String, depth: Int = 0) -> String? {
    let parts = name.split(separator: "/")
    var buffer = [CChar](repeating: 0, count: 1024)
    for end in parts.indices {
      let prefix = "/" + parts[...end].joined(separator: "/")
      let type = runner_h5_link(loc, prefix, &buffer, buffer.count)
      let value = String(
        decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if type == H5L_TYPE_EXTERNAL.rawValue {
        let object = String(
          decoding: buffer.dropFirst(value.utf8.count + 1).prefix { $0 != 0 }
            .map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "an external link to '\(value.oneLineShort)', object '\(object.oneLineShort)'"
      }
      if type == H5L_TYPE_SOFT.rawValue, depth < 8 {
        let parent = "/" + parts[..<end].joined(separator: "/")
        let target = value.hasPrefix("/") ? value : parent + "/" + value
        if let place = leavesFile(loc, target, depth: depth + 1) {
          return "a soft link to '\(value.oneLineShort)', \(place)"
        }
      }
      guard type >= 0 else { return nil }
    }
    return nil
  }

  /// Throws for dataset `name` of the file at `path` (open as `file`) when a link on its
  /// path leads out of the file (`leavesFile`).
  static func checkInFile(_ file: hid_t, _ name: String, path: String) throws {
    guard let place = leavesFile(file, name) else { return }
    throw notInFile(origin(path, name), place)
  }

  /// The error for a dataset (named by `origin`) whose values are in other files: `place`.
  static func notInFile(_ origin: String, _ place: String) -> DataError {
    .malformed(
      file: origin, location: nil,
      reason: "its values are not in this file: \(place); only the file the spec names is "
        + "read: copy the values into a regular dataset (h5py: f.create_dataset(name, data=x))")
  }
}

extension HDF5File {
  /// What stands at `name` in the file at `path` when it is there but is no dataset: a soft
  /// link that leads to nothing, or a group (with the datasets under it); nil when nothing is
  /// at `name` or it is a dataset.
  static func notADataset(_ name: String, in path: String) throws -> String? {
    try locked(path) {
      let file = try open(path)
      defer { H5Fclose(file) }
      let full = name.hasPrefix("/") ? name : "/" + name
      var buffer = [CChar](repeating: 0, count: 1024)
      let type = runner_h5_link(file, full, &buffer, buffer.count)
      guard type >= 0 else { return nil }
      var info = H5O_info_t()
      guard
        H5Oget_info_by_name2(file, full, &info, UInt32(H5O_INFO_BASIC), runner_h5p_default()) >= 0
      else {
        guard type == H5L_TYPE_SOFT.rawValue else { return nil }
        let target = String(
          decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "a soft link to '\(target.oneLineShort)', which leads to nothing in the file: "
          + "point the link at a dataset, or name the dataset itself"
      }
      guard info.type == H5O_TYPE_GROUP else { return nil }
      let group = H5Gopen2(file, full, runner_h5p_default())
      guard group >= 0 else { return nil }
      defer { H5Gclose(group) }
      let prefix = String(full.dropFirst()) + "/"
      let inside = try rootDatasetNames(group, path: path, prefix: prefix)
      return "a group, not a dataset"
        + (inside.isEmpty
          ? " (it holds no dataset)"
          : ": name one of its datasets (\(inside.prefix(10).map { "'\($0)'" }.joined(separator: ", "))"
            + (inside.count > 10 ? ", … \(inside.count) in all" : "") + ")")
    }
  }
}
