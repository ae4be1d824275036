import CHDF5
import Conventions

/// Chunked storage, checked before a value is read (with the lock held): HDF5 inflates a
/// whole chunk to read any value of it, and chunks up to 4 GB are legal, so a small file
/// holding a 20×3 array in one 1.4 GB chunk made every command allocate 1.4 GB whatever the
/// memory limit.
extension HDF5File {
  /// The largest chunk read without question, whatever the dataset's size.
  static let ordinaryChunkBytes = 64 << 20

  /// Throws when a chunk of dataset `name` (created with `plist`, of shape `shape`) takes
  /// more than the memory limit, or is larger than both the whole dataset and
  /// `ordinaryChunkBytes` (a layout no writer picks for its data: a hostile file).
  static func checkChunks(
    _ dset: hid_t, _ plist: hid_t, shape: [Int], path: String, name: String
  ) throws {
    guard H5Pget_layout(plist) == H5D_CHUNKED else { return }
    var dims = [hsize_t](repeating: 0, count: 32)
    let rank = Int(H5Pget_chunk(plist, Int32(dims.count), &dims))
    guard rank > 0 else { return }
    let type = H5Dget_type(dset)
    defer { H5Tclose(type) }
    let elementBytes = Double(max(H5Tget_size(type), 1))
    let chunk = dims.prefix(rank).reduce(elementBytes) { $0 * Double($1) }
    let data = shape.reduce(elementBytes) { $0 * Double($1) }
    let chunkShape = "(" + dims.prefix(rank).map(String.init).joined(separator: ", ") + ")"
    if chunk > max(data, Double(ordinaryChunkBytes)) {
      throw DataError.malformed(
        file: path, location: "dataset '\(name)'",
        reason: "its chunks of shape \(chunkShape) take \(Int(chunk)) bytes each, for values of "
          + "\(Int(data)) bytes: HDF5 inflates a whole chunk to read any value of it; rewrite "
          + "the dataset with smaller chunks (h5py: f.create_dataset(name, data=x, chunks=True))")
    }
    try HeaderBounds.checkArray(
      bytes: Int(chunk), file: path, location: "dataset '\(name)'",
      what: "one chunk of shape \(chunkShape)")
  }

  /// The first filter of dataset `dset` this HDF5 library lacks (`the LZF filter (h5py's
  /// compression='lzf')`); nil when it has them all. h5py stores a chunk that does not shrink
  /// unfiltered, so such a dataset may read or not depending on its values.
  static func missingFilter(_ dset: hid_t) -> String? {
    let plist = H5Dget_create_plist(dset)
    defer { H5Pclose(plist) }
    let known: [Int32: String] = [
      32000: "the LZF filter (h5py's compression='lzf')", 32001: "the Blosc filter",
      32004: "the LZ4 filter", 32008: "the bitshuffle filter", 32015: "the Zstandard filter",
      307: "the bzip2 filter", 4: "the SZIP filter",
    ]
    for index in 0..<UInt32(max(0, H5Pget_nfilters(plist))) {
      var flags: UInt32 = 0
      var count = 0
      var config: UInt32 = 0
      var name = [CChar](repeating: 0, count: 64)
      let id = H5Pget_filter2(plist, index, &flags, &count, nil, name.count, &name, &config)
      guard id >= 0, H5Zfilter_avail(id) <= 0 else { continue }
      let stored = String(
        decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      return known[id] ?? "HDF5 filter \(id)" + (stored.isEmpty ? "" : " ('\(stored.oneLine)')")
    }
    return nil
  }
}
