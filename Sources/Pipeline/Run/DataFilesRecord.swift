import Conventions
import Datasets
import Foundation
import Reports
import Specs

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `data_files.csv`: each data file a run read, by the spec key naming it, with the file as
/// written and the size and SHA-256 of its content (a gzip file inflated, so a file and its gzip
/// copy agree). The gate and `runner diff` compare it like any result, so changed data is named
/// as the cause of changed figures: a value edited by 1e-14 may pass a tolerance, its digest
/// does not. The arrays `model.init.from` starts from are recorded too (key `model.init.from`).
/// Generated data has no file (the spec holds it whole), and neither has a run of no file; then
/// the table is nil.
enum DataFilesRecord {
  /// The files `loaded` reads, as found from `context`, each once with where it was found and
  /// its content's size and digest: the data files, then (unless `startingParameters` is false)
  /// the arrays `model.init.from` starts from, which change the figures as data does. With
  /// `read` (the files as they were before the run read them), a file whose digested bytes are
  /// not the ones read is refused (`DataFilesRead`), and so are arrays of `model.init.from`
  /// other than the ones its start read (`DataFilesRead.startChange`), which are the ones digested.
  static func files(
    _ loaded: LoadedSpec, context: ProjectContext, read: DataFilesRead? = nil,
    startingParameters: Bool = true
  ) throws(PipelineError) -> [(row: RecordedDataFile, path: String, bytes: Int)] {
    if startingParameters, let refusal = read?.startChange() { throw refusal }
    var files: [(row: RecordedDataFile, path: String, bytes: Int)] = []
    let inputs = inputs(
      loaded, context: context, startingParameters: startingParameters, start: read?.start)
    for file in inputs {
      let digest: (bytes: Int, sha256: String, identity: FileIdentity)
      do { digest = try DigestCache.shared.digest(of: file.path) } catch { throw .results(error) }
      // In a sweep, first: a file edited between two trials (or during this one's read) is
      // another version of the data than the earlier trials trained on.
      if let first = context.dataPin?.pin(
        file.path, sha256: digest.sha256, identity: digest.identity)
      {
        throw .dataChangedInSweep(
          SweepDataChange(
            key: file.key, name: file.name, path: file.path, first: first, sha256: digest.sha256,
            identity: digest.identity, in: loaded))
      }
      if let refusal = read?.change(file, now: digest.identity) { throw refusal }
      let row = RecordedDataFile(key: file.key.description, file: file.name, sha256: digest.sha256)
      if !files.contains(where: { $0.row == row }) { files.append((row, file.path, digest.bytes)) }
    }
    return files
  }

  /// The files `loaded` reads as found from `context`, each with the key naming it and its name
  /// as written there: its data files, then (with `startingParameters`) the arrays
  /// `model.init.from` starts from: those `start` read when it did, else those there now.
  static func inputs(
    _ loaded: LoadedSpec, context: ProjectContext, startingParameters: Bool = true,
    start: SavedStart? = nil
  ) -> [(key: SpecPath, name: String, path: String)] {
    let initFrom = SpecPath("model.init.from")
    let arrays =
      start?.filesRead ?? SavedParameters.initFiles(for: loaded.spec, specFile: loaded.file)
    let starts =
      startingParameters ? arrays.map { (key: initFrom, name: $0.name, path: $0.path) } : []
    return DataFootprint.files(of: loaded, context: context) + starts
  }

  /// The table of `files` (as `files(_:context:read:)` gives them); nil when there are none.
  static func table(_ files: [(row: RecordedDataFile, path: String, bytes: Int)]) -> CSVTable? {
    guard !files.isEmpty else { return nil }
    var table = CSVTable(trusted: DataFilesColumn.all)
    for (row, _, bytes) in files {
      table.append(trusted: [row.key, row.file, String(bytes), row.sha256].map(CSVCell.text))
    }
    return table
  }
}

extension DataFilesRecord {
  /// A warning for each of `files` that the spec names by a catalog dataset's path
  /// (`catvnoncat/train_catvnoncat.h5`) and whose digest is not the catalog's: read unchecked
  /// as the user's own (`DatasetFetcher.uncheckedCopy`), it may be a damaged copy.
  static func uncheckedCopies(
    _ files: [(row: RecordedDataFile, path: String, bytes: Int)], context: ProjectContext
  ) -> [String] {
    let fetcher = context.fetcher()
    return files.compactMap { file in
      guard
        let copy = fetcher.uncheckedCopy(
          file.row.file, at: file.path, contentSHA256: file.row.sha256)
      else { return nil }
      return "\(file.row.key): '\(file.row.file)' is not the catalog's file (SHA-256 "
        + "\(RecordedDataFile.short(copy.actual)), expected \(RecordedDataFile.short(copy.expected))"
        + "), and a file named by its path is read unchecked, as your own: \(copy.remedy)"
    }
  }
}

/// One data file a run read, as its `data_files.csv` records it: the spec key naming it, the
/// file as written there and its SHA-256. A run's spec does not cover its data, so these rows
/// are what tells predict, a sweep or a merge that two runs trained on different data.
struct RecordedDataFile: Hashable {
  /// The spec key naming the file (`dataset.file`, `dataset.train.target_file`, …).
  var key: String
  /// The file as written at `key`.
  var file: String
  /// The SHA-256 of its content.
  var sha256: String

  /// The file `key` and `file` name, whatever its digest: two rows of one file differ only in
  /// their digests.
  var source: [String] { [key, file] }

  /// The rows of a `data_files.csv` table (nil when it lacks the columns).
  static func rows(_ table: CSVTable) -> [RecordedDataFile]? {
    guard let keys = table.column(DataFilesColumn.key),
      let files = table.column(DataFilesColumn.file),
      let digests = table.column(DataFilesColumn.sha256)
    else { return nil }
    return keys.indices.map {
      RecordedDataFile(key: keys[$0], file: files[$0], sha256: digests[$0])
    }
  }

  /// The rows of the `data_files.csv` in run or trial folder `folder`; nil when it has none (a
  /// run older than the file, or of generated data) or it cannot be read.
  static func recorded(in folder: URL) -> [RecordedDataFile]? {
    let url = folder.appendingPathComponent(ResultsFile.dataFiles)
    return (try? CSVTable(contentsOf: url)).flatMap(rows)
  }

  /// The first 12 hex digits of a digest, as messages show it.
  static func short(_ sha256: String) -> String { String(sha256.prefix(12)) + "…" }
}

/// The content digests of files already hashed by this process, by path and the file's identity
/// (`FileIdentity`: device, inode, size, modification and change times): the trials of a sweep
/// read the same files, and a file replaced under the same name (even keeping its size and
/// modification time, as `cp -p` does) has another inode or change time. A digest is kept only
/// when the identity after hashing is the one before: a file written meanwhile is hashed again.
final class DigestCache: @unchecked Sendable {
  /// The process's cache.
  static let shared = DigestCache()

  private let lock = NSLock()
  private var digests: [String: (identity: FileIdentity, bytes: Int, sha256: String)] = [:]

  /// The size and SHA-256 of the content of the file at `path` (a gzip file inflated, so that a
  /// file and its gzip copy agree), with the file's identity after it was hashed (another than
  /// the one before when it changed meanwhile); throws when it cannot be read.
  func digest(of path: String) throws(ResultsFileError) -> (
    bytes: Int, sha256: String, identity: FileIdentity
  ) {
    func identity() throws(ResultsFileError) -> FileIdentity {
      guard let identity = FileIdentity(path: path) else {
        throw .cannotRead(path: path, reason: OSErrorText.last)
      }
      return identity
    }
    let before = try identity()
    if let known = lock.withLock({ digests[path] }), known.identity == before {
      return (known.bytes, known.sha256, before)
    }
    let content: (bytes: Int, sha256: String)
    do { content = try SHA256Digest.content(ofFile: path) } catch {
      throw .cannotRead(path: path, reason: "\(error)")
    }
    let after = try identity()
    if after == before { lock.withLock { digests[path] = (before, content.bytes, content.sha256) } }
    return (content.bytes, content.sha256, after)
  }
}

/// The data files a run reads, each with its identity (`FileIdentity`) taken before it was
/// read. A file with another identity after the run parsed it, or when its digest is taken, or
/// when its parsing failed, changed while it was read: the data trained on and the data
/// recorded in `data_files.csv` might differ, so the run is refused (exit 65) before it writes
/// anything. `stat` calls only: no file is read again.
struct DataFilesRead {
  let loaded: LoadedSpec
  /// What `model.init.from` holds, read once for the run (nil: read here, as the files are).
  let start: SavedStart?
  /// By spec key and file as written: the key, the path found and the identity there.
  private var before: [[String]: (key: SpecPath, path: String, identity: FileIdentity)] = [:]

  /// The identities now of the files `loaded` reads as found from `context` (files not there
  /// yet, such as a named dataset the run downloads, are left out); those of the arrays
  /// `model.init.from` starts from that `start` read already, as they were before it read them.
  init(_ loaded: LoadedSpec, context: ProjectContext, start: SavedStart? = nil) {
    self.loaded = loaded
    self.start = start
    for file in DataFilesRecord.inputs(loaded, context: context, start: start) {
      if let identity = start?.identity(before: file.path) ?? FileIdentity(path: file.path) {
        before[[file.key.description, file.name]] = (file.key, file.path, identity)
      }
    }
  }

  /// The refusal when `file`, found now at its path with identity `now`, is not the file as it
  /// was before the run read it; nil when it is, or when it was not there then.
  func change(_ file: (key: SpecPath, name: String, path: String), now: FileIdentity?)
    -> PipelineError?
  {
    // An array `start` read after this read began: as it was before `start` read it.
    let read = start?.identity(before: file.path).map {
      (key: file.key, path: file.path, identity: $0)
    }
    guard let then = before[[file.key.description, file.name]] ?? read else { return nil }
    let change =
      then.path != file.path ? "now found at \(file.path)" : then.identity.change(to: now)
    guard let change else { return nil }
    return .data(
      .invalidValues(file: then.path, location: nil, reason: "changed while it was read"),
      diagnostic: loaded.sourceMap.diagnostic(
        .error, at: file.key,
        "\(file.key): \(file.name) changed while the runner was reading it (\(change)), so the "
          + "data read and the data recorded in \(ResultsFile.dataFiles) might not be the same",
        note: "nothing was written; run again once \(file.name) is no longer being written "
          + "(write a new file elsewhere and move it into place before a run, not during one)"))
  }

  /// `change` of the first file whose identity now differs (after parsing, or when parsing
  /// failed); nil when none does.
  func change() -> PipelineError? {
    before.sorted { $0.key.lexicographicallyPrecedes($1.key) }.lazy.compactMap { source, then in
      change((then.key, source[1], then.path), now: FileIdentity(path: then.path))
    }.first
  }
}
