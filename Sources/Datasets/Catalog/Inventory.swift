import Conventions

/// Where each named dataset's files are on this machine (for `runner data list` and for
/// resolving named datasets before a run).
public struct Inventory: Sendable {
  /// One dataset's status.
  public struct Entry: Sendable, Equatable {
    /// The catalog entry this status is about.
    public var dataset: NamedDataset
    /// Path of each catalog file found (nil when missing), in catalog order.
    public var paths: [String?]
    /// Whether the files found were checked as a run checks them.
    public var verified = false
    /// Why each file failed its verification (nil = not checked, missing or good): its path,
    /// the checksums and how to get a good copy where it was found.
    public var failures: [DataError?] = []

    /// Checksum verdict per file when verified (nil = not checked or missing).
    public var checksumOK: [Bool?] {
      zip(paths, failures + Array(repeating: nil, count: paths.count)).map { path, failure in
        verified && path != nil ? failure == nil : nil
      }
    }

    /// Whether every file was found.
    public var isComplete: Bool { paths.allSatisfy { $0 != nil } }
    /// Whether every file is found and, if verified, matches its checksum.
    public var isUsable: Bool { isComplete && checksumOK.allSatisfy { $0 != false } }
    /// The directory of the first file found.
    public var location: String? {
      guard let first = paths.compactMap({ $0 }).first, let f = dataset.files.first else {
        return nil
      }
      let depth = f.path.split(separator: "/").count
      var parts = first.split(separator: "/", omittingEmptySubsequences: false)
      parts.removeLast(depth)
      return parts.joined(separator: "/")
    }
  }

  /// The data search path the files are looked up on.
  public let locator: DataLocator
  /// The cache and mirrors a damaged copy's remedy names.
  public let fetcher: DatasetFetcher
  /// An inventory of the catalog as found on `locator`'s search path; a damaged copy is told how
  /// to get a good one from `fetcher` (by default one over `locator`).
  public init(locator: DataLocator, fetcher: DatasetFetcher? = nil) {
    self.locator = locator
    self.fetcher = fetcher ?? DatasetFetcher(locator: locator)
  }

  /// Every named dataset with the files found; `verify` also checks the SHA-256 checksums.
  public func entries(verify: Bool = false) throws -> [Entry] {
    try Catalog.all.map { try entry(for: $0, verify: verify) }
  }

  /// Whether every file of the named dataset (`catvnoncat`, `mnist`, …) is on the search path.
  public func has(_ name: String) -> Bool {
    guard let dataset = Catalog.all.first(where: { $0.name == name }) else { return false }
    return (try? entry(for: dataset).isComplete) ?? false
  }

  /// One dataset's status; `verify` checks each file found as a run would (a copy that does
  /// not match, or a `.gz` copy that does not inflate, is a failure, not an error).
  public func entry(for dataset: NamedDataset, verify: Bool = false) throws -> Entry {
    let paths = dataset.files.map { file in
      locator.candidates(for: file.path).lazy.compactMap(file.copy(at:)).first
    }
    let failures: [DataError?] = zip(dataset.files, paths).map { file, path in
      guard verify, let path else { return nil }
      do {
        try fetcher.verify(path, file, of: dataset)
        return nil
      } catch {
        return error as? DataError ?? .unreadable(file: path, reason: "\(error)")
      }
    }
    return Entry(dataset: dataset, paths: paths, verified: verify, failures: failures)
  }

  /// The `runner data list` table.
  public func render(verify: Bool = false) throws -> String {
    Self.table(try entries(verify: verify), verified: verify, fetcher: fetcher)
  }

  /// The `runner data list` table of `entries` (`verified`: their files were checked); a
  /// dataset not found is downloaded on first use when `fetcher` has mirrors for its files.
  public static func table(_ entries: [Entry], verified: Bool, fetcher: DatasetFetcher)
    -> String
  {
    let rows = entries.map { e -> [String] in
      let status: String
      if !e.isComplete {
        status = e.paths.allSatisfy({ $0 == nil }) ? "missing" : "incomplete"
      } else if let failure = e.failures.lazy.compactMap({ $0 }).first {
        switch failure {
        case .checksumMismatch: status = "bad checksum"
        case .malformed: status = "damaged"
        default: status = "unreadable"
        }
      } else {
        status = verified ? "verified" : "found"
      }
      let canDownload = e.dataset.files.allSatisfy { !$0.urls.isEmpty }
      // Mirrors set to none (`RUNNER_DATASET_MIRRORS=`) turn downloads off.
      let off = canDownload && e.dataset.files.contains { fetcher.urls(for: $0).isEmpty }
      let location =
        e.location
        ?? (off
          ? "(downloads are off: \(DatasetFetcher.mirrorsVariable) is set and empty)"
          : canDownload ? "(downloaded on first use)" : "-")
      return [e.dataset.name, status, location, e.dataset.summary]
    }
    return TextTable(header: ["name", "status", "location", "description"], rows: rows).rendered()
  }
}
