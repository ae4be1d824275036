/// A dataset the runner knows by name: its files (relative to a data search directory),
/// their SHA-256 checksums, where to download them when a public URL exists, and how its
/// train and test parts are read.
public struct NamedDataset: Sendable, Equatable {
  /// Which part of a named dataset a source reads.
  public enum Part: String, Sendable, Equatable {
    /// The dataset's own training part (or the whole table when there is no split).
    case train
    /// The dataset's own test part (an error for single-table datasets: split them instead).
    case test
  }

  /// The name used in specs (`fashion-mnist`).
  public let name: String
  /// One line for `runner data list`.
  public let summary: String
  /// Every file, with checksum and optional download URL.
  public let files: [CatalogFile]
  /// How the train part is read (file names relative to the search directories).
  public let train: DataSource
  /// How the test part is read, when the dataset ships one.
  public let test: DataSource?
  /// Class names by index (nil for regression).
  public let classNames: [String]?
  /// How a user can get the files by hand (offline, or when there is no mirror).
  public let howToGet: String

  /// The target kind.
  public var targetKind: TargetKind {
    classNames.map { .classification(classCount: $0.count) } ?? .regression
  }

  /// The source for `part`; throws for a test part the dataset does not have.
  public func source(_ part: Part) throws -> DataSource {
    switch part {
    case .train: return train
    case .test:
      guard let test else {
        throw DataError.invalidConfiguration(
          "dataset '\(name)' has no separate test part; split it with train/dev/test fractions instead"
        )
      }
      return test
    }
  }
}

/// One file of a named dataset.
public struct CatalogFile: Sendable, Equatable {
  /// Path relative to a data search directory (`mnist/train-images-idx3-ubyte.gz`).
  public let path: String
  /// Lower-case hex SHA-256 of the file's bytes (of its uncompressed bytes when a search
  /// directory holds it as a `.gz` copy, as `experiments/data` does for the larger tables).
  public let sha256: String
  /// Size in bytes.
  public let size: Int
  /// Public download URLs (mirrors), tried in order; empty when there is none.
  public let urls: [String]
  /// Lower-case hex SHA-256 of the content of a file named `.gz`, when known: an uncompressed
  /// copy (`gunzip -k`'s, torchvision's) then stands in for it, checked against this.
  public let contentSHA256: String?

  /// A catalog file with its expected checksum and size, and no mirrors unless given.
  public init(
    path: String, sha256: String, size: Int, urls: [String] = [], contentSHA256: String? = nil
  ) {
    self.path = path
    self.sha256 = sha256
    self.size = size
    self.urls = urls
    self.contentSHA256 = contentSHA256
  }

  /// The SHA-256 the copy found at `found` must have (`checksum(of:)`): `contentSHA256` for an
  /// uncompressed copy of a file named `.gz`, else `sha256`.
  public func expectedSHA256(of found: String) -> String {
    path.hasSuffix(".gz") && !found.hasSuffix(".gz") ? contentSHA256 ?? sha256 : sha256
  }

  /// The copy of this file at `place` (one of its paths on the search path or in the cache):
  /// the file or its `.gz` copy (`DataLocator.existingFile`), else, for a file named `.gz`
  /// whose content's digest is known, its uncompressed copy; nil when there is none.
  public func copy(at place: String) -> String? {
    if let found = DataLocator.existingFile(place) { return found }
    guard path.hasSuffix(".gz"), contentSHA256 != nil, place.hasSuffix(".gz") else { return nil }
    return DataLocator.existingFile(String(place.dropLast(3)))
  }

  /// The SHA-256 of the copy found at `found` to compare with `sha256`: of its bytes, or of
  /// its inflated content when it is a `.gz` copy of a catalog file that is not itself `.gz`.
  public func checksum(of found: String) throws -> String {
    found.hasSuffix(".gz") && !path.hasSuffix(".gz")
      ? try SHA256Digest.hex(ofContent: found) : try SHA256Digest.hex(ofFile: found)
  }
}
