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
  /// The table of the files `loaded` reads, as found from `context`.
  static func table(_ loaded: LoadedSpec, context: ProjectContext) throws(PipelineError)
    -> CSVTable?
  {
    var table = CSVTable(trusted: ["key", "file", "bytes", "sha256"])
    var seen: Set<[String]> = []
    for file in DataFootprint.files(of: loaded, context: context) {
      let digest: (bytes: Int, sha256: String)
      do { digest = try DigestCache.shared.digest(of: file.path) } catch { throw .results(error) }
      let row = [file.key.description, file.name, String(digest.bytes), digest.sha256]
      if seen.insert(row).inserted { table.append(trusted: row.map(CSVCell.text)) }
    }
    return table.rows.isEmpty ? nil : table
  }
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
