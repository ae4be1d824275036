import Conventions
import Datasets
import Foundation
import Reports
import Specs

/// `data_files.csv`: each data file a run read, by the spec key naming it, with the file as
/// written, its size and the SHA-256 of its bytes. The gate and `runner diff` compare it like any
/// result, so changed data is named as the cause of changed figures: a value edited by 1e-14 may
/// pass a tolerance, its digest does not. Generated data has no file (the spec holds it whole),
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

/// The SHA-256 of files already hashed by this process, by path, size and modification time:
/// the trials of a sweep read the same files.
final class DigestCache: @unchecked Sendable {
  /// The process's cache.
  static let shared = DigestCache()

  private let lock = NSLock()
  private var digests: [String: (stamp: [Double], bytes: Int, sha256: String)] = [:]

  /// The size and SHA-256 of the file at `path`; throws when it cannot be read.
  func digest(of path: String) throws(ResultsFileError) -> (bytes: Int, sha256: String) {
    let attributes: [FileAttributeKey: Any]
    do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
      throw .cannotRead(path: path, reason: "\(error.localizedDescription)")
    }
    let bytes = (attributes[.size] as? NSNumber)?.intValue ?? 0
    let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    let stamp = [Double(bytes), modified]
    if let known = lock.withLock({ digests[path] }), known.stamp == stamp {
      return (known.bytes, known.sha256)
    }
    let sha256: String
    do { sha256 = try SHA256Digest.hex(ofFile: path) } catch {
      throw .cannotRead(path: path, reason: "\(error)")
    }
    lock.withLock { digests[path] = (stamp, bytes, sha256) }
    return (bytes, sha256)
  }
}
