import Conventions
import Foundation
import Synchronization

/// Makes a named dataset's files available: found through the data search path and checked
/// against the catalog's SHA-256, or, when absent and mirrors are known, downloaded into the
/// user cache with progress, trying each mirror in order until one gives the right bytes.
public struct DatasetFetcher: Sendable {
  /// The environment variable that replaces the catalog's mirrors: base URLs separated by
  /// spaces, each holding the data directory layout (`BASE/catvnoncat/train_catvnoncat.h5`).
  /// Set but empty, nothing is downloaded.
  public static let mirrorsVariable = "RUNNER_DATASET_MIRRORS"

  /// The data search path where existing copies are looked for first.
  public let locator: DataLocator
  /// Where downloads go (`DataCache.directory()` by default).
  public let cacheDirectory: String
  /// Fetches one URL into a file (its `timeout` applies to each mirror tried; its `stop`
  /// cancels a download under way).
  public var downloader: Downloader
  /// Called with each download's progress (the caller draws it on stderr).
  public let progress: @Sendable (DownloadProgress) -> Void
  /// Base URLs replacing the catalog's mirrors (nil: the catalog's); a file is fetched from
  /// `base + file.path`.
  public let mirrors: [String]?

  /// A fetcher that downloads into the user cache from the catalog's mirrors, silently unless a
  /// `progress` handler is given.
  public init(
    locator: DataLocator, cacheDirectory: String = DataCache.directory(),
    downloader: Downloader = Downloader(),
    mirrors: [String]? = nil,
    progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
  ) {
    self.locator = locator
    self.cacheDirectory = cacheDirectory
    self.downloader = downloader
    self.mirrors = mirrors
    self.progress = progress
  }

  /// Whether this process has begun a download: set before its cache folder or partial file is
  /// made, so a command stopped before then can say that it wrote nothing.
  public static var hasBegunDownloading: Bool { begun.load(ordering: .sequentiallyConsistent) }
  private static let begun = Atomic<Bool>(false)

  /// The mirrors `RUNNER_DATASET_MIRRORS` sets in `environment` (nil when unset).
  public static func mirrors(environment: [String: String]) -> [String]? {
    environment[mirrorsVariable].map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
  }

  /// The URLs `file` is downloaded from, in order.
  public func urls(for file: CatalogFile) -> [String] {
    mirrors.map { bases in
      bases.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + file.path }
    } ?? file.urls
  }

  /// The local path of every file of `dataset`, in catalog order, each verified.
  public func ensure(_ dataset: NamedDataset) throws -> [String] {
    try dataset.files.map { try ensure($0, of: dataset) }
  }

  /// How long a partial download whose process is gone must have gone unwritten before a fetch
  /// removes it: ten minutes, or twice the downloader's timeout without data if longer.
  var leftoverAge: TimeInterval { max(600, 2 * downloader.timeout) }

  /// Where the runner's download cache keeps `file` (standardized).
  func cachedPath(of file: CatalogFile) -> String {
    DataLocator.standardized(cacheDirectory + "/" + file.path)
  }

  /// Every place `file` is looked for, in order: on the data search path, then in the cache.
  func places(of file: CatalogFile) -> [String] {
    let searched = locator.candidates(for: file.path)
    let cached = cachedPath(of: file)
    return searched.contains(cached) ? searched : searched + [cached]
  }

  /// Where `file` is, on the search path or in the cache (the first place holding a copy,
  /// `CatalogFile.copy(at:)`); nil when it would be downloaded.
  public func localPath(of file: CatalogFile) -> String? {
    places(of: file).lazy.compactMap(file.copy(at:)).first
  }

  /// The local path of one catalog file, verified; downloaded first when absent.
  public func ensure(_ file: CatalogFile, of dataset: NamedDataset) throws -> String {
    if let found = localPath(of: file) {
      try verify(found, file, of: dataset)
      let cached = cachedPath(of: file)
      if DataLocator.standardized(found) == cached {
        DownloadPartial.removeLeftovers(of: cached, unwrittenFor: leftoverAge)
      }
      return found
    }
    let searched = places(of: file)
    let urls = urls(for: file)
    // Mirrors set to none turn downloads off; the user may not know the variable is set.
    let off =
      urls.isEmpty && !file.urls.isEmpty
      ? "downloads are off because \(Self.mirrorsVariable) is set and empty: unset it to let "
        + "the runner download the files, or " : ""
    func missing(_ attempts: [String]) -> DataError {
      .namedDatasetMissing(
        dataset: dataset.name, file: file.path, searched: searched, attempts: attempts,
        canFetch: !urls.isEmpty, howToGet: off + dataset.howToGet)
    }
    guard !urls.isEmpty else { throw missing([]) }
    Self.begun.store(true, ordering: .sequentiallyConsistent)
    let destination = cacheDirectory + "/" + file.path
    let folder = PathText.folder(of: destination)
    // The folders made here, deepest first: removed again (`rmdir`, never one another fetch
    // has begun to write into meanwhile) unless the file is placed, by a Ctrl-C too.
    let created = PathText.missingFolders(upTo: folder)
    let createdURLs = created.map { URL(fileURLWithPath: $0, isDirectory: true) }
    OwnTemporaries.createdFolders(createdURLs)
    var placed = false
    defer {
      OwnTemporaries.forgetFolders(createdURLs)
      if !placed { for path in created { rmdir(path) } }
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw DataError.unwritable(
        file: destination,
        reason:
          "cannot create the cache directory \(folder) (\(Self.reason(error, making: folder))): set "
          + "XDG_CACHE_HOME to a writable folder, or put the file on the data search path")
    }
    DownloadPartial.removeLeftovers(of: destination, unwrittenFor: leftoverAge)
    var attempts: [String] = []
    for url in urls {
      let partial = DownloadPartial(for: destination)
      // The finished line waits for the checksum: a copy it refuses was not "downloaded".
      let finished = FinishedReport(passing: progress)
      placed = try partial.filling { () throws -> Bool in
        do {
          try download(url, to: partial, progress: finished.progress)
          try verify(partial.path, file)
        } catch let error as DataError {
          // This machine's failure: another mirror would not help (`download`).
          if case .unwritable = error { throw error }
          attempts.append("\(url): \(Self.reason(error))")
          // The line this mirror's download started ends with why, and only so: `rejected`
          // when the whole file came and its checksum refused it, else `skipped`.
          progress(
            DownloadProgress(
              url: url, received: 0, total: nil, finished: true, failure: Self.reason(error),
              rejected: finished.held != nil))
          return false
        }
        if let report = finished.held { progress(report) }
        try partial.place(checking: { try verify($0, file) })
        return true
      }
      if placed { return destination }
    }
    throw missing(attempts)
  }

  /// Downloads `url` into `partial`. A file this machine cannot write (a full disk) is refused
  /// at once, naming the cache folder: another mirror would not help, nor being online.
  private func download(
    _ url: String, to partial: DownloadPartial,
    progress: @escaping @Sendable (DownloadProgress) -> Void
  ) throws {
    do {
      try downloader.download(url, to: partial.path, progress: progress)
    } catch DataError.unwritable(_, let why) {
      let folder = PathText.folder(of: partial.destination)
      throw DataError.unwritable(
        file: partial.destination,
        reason: "cannot write the download into the cache folder \(folder) (\(why)): free space "
          + "there, or set XDG_CACHE_HOME to a folder with room that you can write")
    }
  }

  /// Why making `folder` failed: a file where a folder should be, or the system's words
  /// (`Permission denied`) where Foundation says only "The operation could not be completed".
  static func reason(_ error: any Error, making folder: String) -> String {
    let ancestor = PathText.missingFolders(upTo: folder).last.map(PathText.folder(of:)) ?? folder
    if let notAFolder = PathEntry.of(ancestor).notAFolder { return "\(ancestor) \(notAFolder)" }
    let error = error as NSError
    let posix = [error, error.userInfo[NSUnderlyingErrorKey] as? NSError].compactMap { $0 }
      .first { $0.domain == NSPOSIXErrorDomain }
    return posix.map { String(cString: strerror(Int32($0.code))) } ?? error.localizedDescription
  }

  /// Why one mirror failed, in a few words.
  static func reason(_ error: DataError) -> String {
    switch error {
    case .downloadFailed(_, let reason): reason
    case .checksumMismatch(_, _, let actual, _): "SHA-256 checksum mismatch (got \(actual))"
    default: error.description
    }
  }

  /// Verifies `path`, found on the search path for the data file `name`, when it is this
  /// fetcher's cached copy of a catalog file: a damaged download is named as such (checksum
  /// mismatch: delete it and fetch it again), not read as a damaged HDF5 or CSV file. Copies
  /// elsewhere on the search path are the user's files, read as they are.
  public func verifyCached(_ path: String, name: String) throws {
    guard let entry = Catalog.file(at: name),
      DataLocator.standardized(path)
        == cachedPath(of: entry.file)
    else { return }
    try verify(path, entry.file, of: entry.dataset)
  }

  /// Checks the copy of `file` at `path` against the catalog's SHA-256; a mismatch says how to
  /// get a good copy of it there when `dataset` (the file's named dataset) is given, and so
  /// does a `.gz` copy that does not inflate (cut short), whose content cannot be the catalog's.
  func verify(_ path: String, _ file: CatalogFile, of dataset: NamedDataset? = nil) throws {
    let stamp = VerifiedFiles.stamp(path)
    let expected = file.expectedSHA256(of: path)
    if let stamp, VerifiedFiles.contains(path, stamp: stamp, sha256: expected) { return }
    let actual: String
    do {
      actual = try file.checksum(of: path)
    } catch let error as DataError {
      guard case .malformed(let damaged, let location, let reason) = error, let dataset else {
        throw error
      }
      throw DataError.malformed(
        file: damaged, location: location,
        reason: reason + "\nhelp: " + remedy(forDamaged: path, file, of: dataset))
    }
    // The content itself, under either name (a server that inflated a `.gz` on the way, with
    // `Content-Encoding: gzip`, or a browser that saved it so): the same bytes an unzipped copy
    // has, which the readers take as they are.
    guard actual == expected || actual == file.contentSHA256 else {
      throw DataError.checksumMismatch(
        file: path, expected: expected, actual: actual,
        help: dataset.map { remedy(forDamaged: path, file, of: $0) })
    }
    if let stamp { VerifiedFiles.insert(path, stamp: stamp, sha256: expected) }
  }
}

/// Files already verified in this process, keyed by path and identity (`FileIdentity`, which a
/// file replaced even with its size and modification time kept does not share), so that
/// loading a dataset's train and test parts (or every trial of a sweep) hashes each file once.
enum VerifiedFiles {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var verified: [String: String] = [:]

  static func stamp(_ path: String) -> String? {
    FileIdentity(path: path).map { "\($0)" }
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
