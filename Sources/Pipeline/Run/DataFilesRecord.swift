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
/// does not. Generated data has no file (the spec holds it whole),
/// and neither has a run of no file; then the table is nil.
enum DataFilesRecord {
  /// The files `loaded` reads, as found from `context`, each once with where it was found and
  /// its content's size and digest.
  static func files(_ loaded: LoadedSpec, context: ProjectContext) throws(PipelineError)
    -> [(row: RecordedDataFile, path: String, bytes: Int)]
  {
    var files: [(row: RecordedDataFile, path: String, bytes: Int)] = []
    for file in DataFootprint.files(of: loaded, context: context) {
      let digest: (bytes: Int, sha256: String)
      do { digest = try DigestCache.shared.digest(of: file.path) } catch { throw .results(error) }
      let row = RecordedDataFile(key: file.key.description, file: file.name, sha256: digest.sha256)
      if !files.contains(where: { $0.row == row }) { files.append((row, file.path, digest.bytes)) }
    }
    return files
  }

  /// The table of the files `loaded` reads (`files`); nil when it reads none.
  static func table(_ loaded: LoadedSpec, context: ProjectContext) throws(PipelineError)
    -> CSVTable?
  {
    let files = try files(loaded, context: context)
    guard !files.isEmpty else { return nil }
    var table = CSVTable(trusted: ["key", "file", "bytes", "sha256"])
    for (row, _, bytes) in files {
      table.append(trusted: [row.key, row.file, String(bytes), row.sha256].map(CSVCell.text))
    }
    return table
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
    guard let keys = table.column("key"), let files = table.column("file"),
      let digests = table.column("sha256")
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

/// The content digests of files already hashed by this process, by path and what `stat` says of
/// the file (device, inode, size, modification and change times): the trials of a sweep read the
/// same files, and a file replaced under the same name (even keeping its size and modification
/// time, as `cp -p` does) has another inode or change time.
final class DigestCache: @unchecked Sendable {
  /// The process's cache.
  static let shared = DigestCache()

  private let lock = NSLock()
  private var digests: [String: (stamp: [Int], bytes: Int, sha256: String)] = [:]

  /// The size and SHA-256 of the content of the file at `path` (a gzip file inflated, so that a
  /// file and its gzip copy agree); throws when it cannot be read.
  func digest(of path: String) throws(ResultsFileError) -> (bytes: Int, sha256: String) {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw .cannotRead(path: path, reason: String(cString: strerror(errno)))
    }
    let stamp = [
      Int(info.st_dev), Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec),
      Int(info.st_mtim.tv_nsec), Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec),
    ]
    if let known = lock.withLock({ digests[path] }), known.stamp == stamp {
      return (known.bytes, known.sha256)
    }
    let content: (bytes: Int, sha256: String)
    do { content = try SHA256Digest.content(ofFile: path) } catch {
      throw .cannotRead(path: path, reason: "\(error)")
    }
    lock.withLock { digests[path] = (stamp, content.bytes, content.sha256) }
    return content
  }
}
