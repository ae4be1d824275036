import Conventions
import Foundation

/// The cheap checks of data files `runner validate` makes without reading their values:
/// headers, member names and shapes, and which array files it would read whole.
extension DataLoader {
  /// The shape in the header of the single-array file at `path` (IDX, `.npy`; nil for other
  /// formats); throws when the header is damaged or claims more than the file holds. Reads no
  /// elements.
  static func checkHeader(_ path: String) throws -> [Int]? {
    switch try FileFormat.detect(path) {
    case .idx: return try IDXFile.header(ByteStream(path: path)).1
    case .npy: return try NPYFile.checkHeader(path)
    case .hdf5, .npz, .csv: return nil
    }
  }

  /// The datasets of the HDF5 file, or the members of the NPZ archive, at `path` (nil for the
  /// other formats); throws when it does not open.
  static func memberNames(_ path: String) throws -> [String]? {
    switch try FileFormat.detect(path) {
    case .hdf5: try HDF5File.datasetNames(in: path)
    case .npz: try NPZFile.memberNames(in: path)
    case .npy, .idx, .csv: nil
    }
  }

  /// `checkMember(_:in:among:)` with the names read from the file.
  static func checkMember(_ name: String, in path: String) throws -> [Int]? {
    try checkMember(name, in: path, among: memberNames(path))
  }

  /// The shape of dataset `name` of the HDF5 file, or member `name` of the NPZ archive, at
  /// `path`, whose datasets or members are `names` (nil for another format); throws when there
  /// is no dataset or member `name`, the dataset holds no numbers, or the member's header does
  /// not fit its size or the memory limit.
  static func checkMember(_ name: String, in path: String, among names: [String]?) throws
    -> [Int]?
  {
    guard let names else { return nil }
    if !names.contains(name) {
      // There, but no dataset: a soft link to nothing, a group.
      if try FileFormat.detect(path) == .hdf5, let what = try HDF5File.notADataset(name, in: path) {
        throw DataError.malformed(file: HDF5File.origin(path, name), location: nil, reason: what)
      }
      throw DataError.datasetNotFound(file: path, dataset: name, available: names)
    }
    return try FileFormat.detect(path) == .hdf5
      ? HDF5File.shape(of: name, in: path, checkingType: true)
      : NPZFile.shape(of: name, in: path)
  }
}

extension DataLoader {
  /// The shape of the features `reference` names in the array file at `path` (whose datasets
  /// or members are `members`), from its header alone, and the origin its messages name;
  /// refused as the run refuses it (no such member, no sample, no value per sample). The shape
  /// is nil for a file whose header is not read apart from its values (a single-member NPZ
  /// archive without a member named). What `runner validate` and `runner run` both check
  /// before any value is read: a sample count the targets contradict is then refused before a
  /// 1 GiB member is inflated.
  static func headerShape(_ reference: ArrayReference, at path: String, among members: [String]?)
    throws -> (shape: [Int]?, origin: String)
  {
    let origin =
      try reference.dataset.map {
        try FileFormat.detect(path) == .npz ? "\(path), member '\($0)'" : HDF5File.origin(path, $0)
      } ?? path
    let shape =
      try reference.dataset.map { try checkMember($0, in: path, among: members) }
      ?? checkHeader(path)
    if let shape { try LabeledArrays.checkWidth(shape, in: origin) }
    return (shape, origin)
  }
}

extension DataLoader {
  /// The most bytes of array files (on disk) that `runner validate` reads whole to check their
  /// values as the run does (NaN, infinity, a column that overflows under preprocessing);
  /// above it the values are left to the run, and validate says so.
  public static let valueCheckLimit = 64 << 20

  /// The array files (`.npy`, NPZ, HDF5, IDX) holding `configuration`'s features, with their
  /// sizes once inflated (an NPZ archive's members', a gzip file's trailer; at least the size
  /// on disk): what reading the values costs beyond inspection, which reads CSV tables,
  /// generated sets and targets anyway. Files that do not resolve are left out.
  public func featureArrayFiles(_ configuration: DataConfiguration) -> [(
    path: String, bytes: Int
  )] {
    var files: [(path: String, bytes: Int)] = []
    for (source, _) in configuration.split.sources {
      switch source {
      case .arrays(let features, _):
        guard let path = try? locator.resolve(features.file),
          let size = try? InputFile.checkRegular(path),
          !files.contains(where: { $0.path == path })
        else { continue }
        // A 1 MB compressed NPZ of 1 GiB was read whole (3 GB) by `runner validate`.
        files.append((path, max(size, Int(min(StoredShape.of(path).bytes, 1e18)))))
      case .named(let name, let part):
        guard let source = try? Catalog.named(name).source(part) else { continue }
        var plan = configuration
        plan.split = .given(train: source, dev: nil, test: nil)
        for file in catalogLoader.featureArrayFiles(plan)
        where !files.contains(where: { $0.path == file.path }) {
          files.append(file)
        }
      case .table, .generated: break
      }
    }
    return files
  }
}
