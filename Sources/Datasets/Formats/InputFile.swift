import Conventions
import Foundation

/// Data paths are classified with `PathEntry` before anything opens them: only regular files
/// are read, and anything else is refused by name (`a named pipe (FIFO)`) with a remedy.
public enum InputFile {
  /// The size of the regular file at `path`; throws `fileNotFound` when nothing is there and
  /// `unreadable` (exit 66) naming what is there otherwise, or a broken link's missing target
  /// (never opening it).
  @discardableResult
  public static func checkRegular(_ path: String) throws -> Int {
    if case .regular(let size) = PathEntry.of(path) { return size }
    throw refusal(at: path) ?? DataError.fileNotFound(name: path, searched: [path])
  }

  /// Why `path` is not read: what is there instead of a regular file, or the missing target of
  /// a symbolic link there; nil for a regular file or nothing at all.
  static func refusal(at path: String) -> DataError? {
    let found = PathEntry.of(path)
    switch found {
    case .regular: return nil
    case .missing:
      // `stat` sees nothing through a link whose target is gone: name the target.
      let end = PathEntry.linkEnd(path)
      guard end != path else { return nil }
      return .unreadable(
        file: path,
        reason: "is a broken symbolic link (to \(end), which does not exist); fix the link so "
          + "that it points at a data file")
    default: return refusal(path, found)
    }
  }

  /// The error for a path that holds something other than a regular file.
  static func refusal(_ path: String, _ found: PathEntry) -> DataError {
    let remedy: String
    switch found {
    case .directory: remedy = "name a data file inside it"
    case .symlinkLoop: remedy = "fix the link so that it points at a data file"
    case .inaccessible: remedy = "check the permissions of the folders on the path"
    default: remedy = "data is read from regular files only; copy it into a file first"
    }
    let what = found.refusal ?? "is \(found.noun)"
    return .unreadable(file: path, reason: "\(what); \(remedy)")
  }
}

/// Upper bounds on what a file header may make the loaders allocate.
///
/// Every size read from a header (IDX extents, NPY shapes, NPZ member sizes, HDF5 dataset
/// shapes) is checked against the bytes the file can hold before any buffer is allocated:
/// a plain file holds at most its size, and a deflate stream expands at most 1032:1.
public enum HeaderBounds {
  /// deflate's maximum expansion (a run of one byte compresses about 1032:1).
  public static let maximumCompressionRatio = 1032

  /// The most bytes a file of `fileSize` bytes can hold once inflated.
  public static func maximumInflatedSize(ofCompressed fileSize: Int) -> Int {
    fileSize.multipliedReportingOverflow(by: maximumCompressionRatio).partialValue + 1024
  }

  /// The most bytes one array read from a file may take: the machine's physical memory, or
  /// the process's memory budget when lower (`MemoryBudget`: available memory, cgroup,
  /// `ulimit -v`, `RUNNER_MEMORY_LIMIT`), which is then returned too.
  public static var arrayLimit: (bytes: Int, budget: MemoryBudget?) {
    let physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)
    let budget =
      (try? MemoryBudget.current(environment: ProcessInfo.processInfo.environment))
      ?? MemoryBudget.system()
    guard budget.limit < Double(physical) else { return (physical, nil) }
    return (Int(max(budget.limit, 0)), budget)
  }

  /// Throws when `bytes` exceeds what one array may take.
  static func checkArray(bytes: Int, file: String, location: String, what: String) throws {
    let limit = arrayLimit
    guard bytes <= limit.bytes else {
      guard let budget = limit.budget else {
        throw DataError.malformed(
          file: file, location: location,
          reason: "\(what) needs \(bytes) bytes, more than this machine's \(limit.bytes) bytes of "
            + "memory (damaged or hostile header)")
      }
      throw DataError.malformed(
        file: file, location: location,
        reason: "\(what) needs \(bytes) bytes, more than the \(limit.bytes)-byte memory limit "
          + "(\(budget.source)); free memory or raise \(MemoryBudget.variable)")
    }
  }
}
