import Conventions
import Foundation

/// The catalog files a data configuration reads that would be downloaded first: those of a
/// named dataset (`name: mnist`) and those named by their path (`file:
/// catvnoncat/train_catvnoncat.h5`), when neither on the search path nor in the cache.
public struct PendingDownload: Sendable, Equatable {
  /// The named dataset the files belong to.
  public var dataset: NamedDataset
  /// Its files to download, in catalog order.
  public var files: [CatalogFile]
  /// Where a source names them (the first key naming the dataset).
  public var at: DataReference
  /// The key naming each file (by its path) where it is not `at`: a test file's key.
  var keys: [String: DataReference] = [:]

  /// The key naming `file`, where its download's failure is located.
  public func key(of file: CatalogFile) -> DataReference { keys[file.path] ?? at }
}

extension DataLoader {
  /// Where catalog `file` (of `dataset`) is, on the search path or in the cache; nil when it
  /// would be downloaded before it is read. Missing with no mirror to download it from
  /// (`RUNNER_DATASET_MIRRORS` set and empty), throws the error the run gives: the one rule of
  /// `pendingDownloads` (a sweep's download and dry run), `fetchPending` and `inspect`
  /// (`runner validate`), so that none advises a fetch that would fail.
  func copy(of file: CatalogFile, of dataset: NamedDataset) throws -> String? {
    if let path = fetcher.localPath(of: file) { return path }
    if fetcher.urls(for: file).isEmpty { _ = try fetcher.ensure(file, of: dataset) }
    return nil
  }

  /// The catalog files `configuration` reads that are neither on the search path nor in the
  /// cache and can be downloaded, grouped by dataset (each dataset once, at the first key naming
  /// it); nothing is read or downloaded. A file that cannot be downloaded is not listed: the
  /// run's check refuses it as missing.
  public func pendingDownloads(_ configuration: DataConfiguration) -> [PendingDownload] {
    var pending: [PendingDownload] = []
    func add(_ dataset: NamedDataset, _ files: [CatalogFile], at: DataReference) {
      let missing = files.filter { file in
        do { return try copy(of: file, of: dataset) == nil } catch { return false }
      }
      guard !missing.isEmpty else { return }
      guard let index = pending.firstIndex(where: { $0.dataset.name == dataset.name }) else {
        pending.append(PendingDownload(dataset: dataset, files: missing, at: at))
        return
      }
      for file in missing where !pending[index].files.contains(file) {
        pending[index].files.append(file)
        pending[index].keys[file.path] = at
      }
      pending[index].files.sort { a, b in
        dataset.files.firstIndex(of: a) ?? 0 < dataset.files.firstIndex(of: b) ?? 0
      }
    }
    for (source, part) in configuration.split.sources {
      for (name, field) in Self.fileNames(source) {
        guard (try? locator.resolve(name)) == nil, let entry = Catalog.file(at: name) else {
          continue
        }
        add(entry.dataset, [entry.file], at: .source(part, field))
      }
      if case .named(let name, _) = source, let dataset = try? Catalog.named(name) {
        add(dataset, dataset.files, at: .source(part, .name))
      }
    }
    return pending
  }

  /// Downloads what `pendingDownloads` lists, as a run's loading would, for the commands that
  /// then only inspect (`runner data split`, `data export`). A failure is located at the key
  /// naming the file.
  public func fetchPending(_ configuration: DataConfiguration) throws(DataFailure) {
    for entry in pendingDownloads(configuration) {
      for file in entry.files {
        try DataFailure.at(entry.key(of: file)) {
          _ = try fetcher.ensure(file, of: entry.dataset)
        }
      }
    }
  }

  /// The data files a source names by path, each with the field naming it.
  static func fileNames(_ source: DataSource) -> [(String, DataReference.Field)] {
    switch source {
    case .table(let file, _, _, _): [(file, .file)]
    case .arrays(let features, let target):
      [(features.file, .file)]
        + (target.map { $0.file == features.file ? [] : [($0.file, .targetFile)] } ?? [])
    case .named, .generated: []
    }
  }
}

extension DataLoader {
  /// What a command that downloads nothing (`runner validate`, `runner sweep --dry-run`) says
  /// of `dataset`: it is not downloaded yet, so `unchecked` (its data was not
  /// checked); `runner data fetch NAME`, which fits every spec, downloads the files it lacks.
  public func notDownloaded(
    _ dataset: NamedDataset, unchecked: String = "its data was not checked"
  ) -> String {
    let files = dataset.files.filter { fetcher.localPath(of: $0) == nil }
    let megabytes = String(format: "%.1f", Double(files.map(\.size).reduce(0, +)) / 1_000_000)
    return "dataset '\(dataset.name)' is not downloaded yet, so \(unchecked); "
      + "`\(Invocation.commandLine(["data", "fetch", dataset.name]))` downloads it "
      + "(\(megabytes) MB)"
  }
}
