import Foundation

/// Makes a named dataset's files available: found through the data search path and checked
/// against the catalog's SHA-256, or, when absent and a URL is known, downloaded into the
/// user cache with progress and verified before use.
public struct DatasetFetcher: Sendable {
  public let locator: DataLocator
  /// Where downloads go (`DataCache.directory()` by default).
  public let cacheDirectory: String
  public let downloader: Downloader
  public let progress: @Sendable (DownloadProgress) -> Void
  /// URLs by catalog path, replacing the catalog's (tests point them at a local server).
  public let urlOverrides: [String: String]

  public init(
    locator: DataLocator, cacheDirectory: String = DataCache.directory(),
    downloader: Downloader = Downloader(),
    urlOverrides: [String: String] = [:],
    progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
  ) {
    self.locator = locator
    self.cacheDirectory = cacheDirectory
    self.downloader = downloader
    self.urlOverrides = urlOverrides
    self.progress = progress
  }

  /// The local path of every file of `dataset`, in catalog order, each verified.
  public func ensure(_ dataset: NamedDataset) throws -> [String] {
    try dataset.files.map { try ensure($0, of: dataset) }
  }

  /// The local path of one catalog file, verified; downloaded first when absent.
  public func ensure(_ file: CatalogFile, of dataset: NamedDataset) throws -> String {
    var searched = locator.candidates(for: file.path)
    let cached = DataLocator.standardized(cacheDirectory + "/" + file.path)
    if !searched.contains(cached) { searched.append(cached) }
    if let found = searched.first(where: { FileManager.default.fileExists(atPath: $0) }) {
      try verify(found, file)
      return found
    }
    guard let url = urlOverrides[file.path] ?? file.url else {
      throw DataError.namedDatasetMissing(
        dataset: dataset.name, file: file.path, searched: searched, howToGet: dataset.howToGet)
    }
    let destination = cacheDirectory + "/" + file.path
    let partial = destination + ".part"
    do {
      try FileManager.default.createDirectory(
        atPath: (destination as NSString).deletingLastPathComponent,
        withIntermediateDirectories: true)
    } catch {
      throw DataError.unreadable(
        file: destination,
        reason: "cannot create the cache directory: \(error.localizedDescription)")
    }
    do {
      try downloader.download(url, to: partial, progress: progress)
    } catch let error as DataError {
      try? FileManager.default.removeItem(atPath: partial)
      throw DataError.namedDatasetMissing(
        dataset: dataset.name, file: file.path, searched: searched,
        howToGet: "\(error); when offline, \(dataset.howToGet)")
    }
    do {
      try verify(partial, file)
    } catch {
      try? FileManager.default.removeItem(atPath: partial)
      throw error
    }
    try? FileManager.default.removeItem(atPath: destination)
    try FileManager.default.moveItem(atPath: partial, toPath: destination)
    return destination
  }

  func verify(_ path: String, _ file: CatalogFile) throws {
    let stamp = VerifiedFiles.stamp(path)
    if let stamp, VerifiedFiles.contains(path, stamp: stamp, sha256: file.sha256) { return }
    let actual = try SHA256.hex(ofFile: path)
    guard actual == file.sha256 else {
      throw DataError.checksumMismatch(file: path, expected: file.sha256, actual: actual)
    }
    if let stamp { VerifiedFiles.insert(path, stamp: stamp, sha256: file.sha256) }
  }
}

/// Files already verified in this process, keyed by path, size and modification time, so that
/// loading a dataset's train and test parts (or every trial of a sweep) hashes each file once.
enum VerifiedFiles {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var verified: [String: String] = [:]

  static func stamp(_ path: String) -> String? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let size = attributes[.size] as? NSNumber, let date = attributes[.modificationDate] as? Date
    else { return nil }
    return "\(size.int64Value):\(date.timeIntervalSince1970)"
  }

  static func contains(_ path: String, stamp: String, sha256: String) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    return verified[path] == stamp + ":" + sha256
  }

  static func insert(_ path: String, stamp: String, sha256: String) {
    lock.lock()
    verified[path] = stamp + ":" + sha256
    lock.unlock()
  }
}
