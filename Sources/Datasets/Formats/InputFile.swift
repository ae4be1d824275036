import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What is at a data path, found with `stat` before anything opens it: only regular files are
/// read. A FIFO would block the reader forever, a device (`/dev/zero`) never ends, and a
/// directory or a symbolic-link loop is named for what it is rather than "not found".
public enum InputFile {
  /// The kind of filesystem entry at a path.
  public enum EntryType: Equatable, Sendable {
    case regular(size: Int)
    case missing
    case directory
    case fifo
    case characterDevice
    case blockDevice
    case socket
    case symlinkLoop
    /// `stat` failed for another reason (`EACCES` on a parent folder, an I/O error).
    case inaccessible(reason: String)

    /// How the entry is named in errors.
    var noun: String {
      switch self {
      case .regular: "a regular file"
      case .missing: "missing"
      case .directory: "a directory"
      case .fifo: "a named pipe (FIFO)"
      case .characterDevice: "a character device"
      case .blockDevice: "a block device"
      case .socket: "a socket"
      case .symlinkLoop: "a symbolic link loop (too many levels of links)"
      case .inaccessible(let reason): "inaccessible (\(reason))"
      }
    }
  }

  /// The kind of entry at `path` (symbolic links followed).
  public static func kind(of path: String) -> EntryType {
    var info = stat()
    guard stat(path, &info) == 0 else {
      let code = errno
      switch code {
      case ENOENT, ENOTDIR: return .missing
      case ELOOP: return .symlinkLoop
      default: return .inaccessible(reason: String(cString: strerror(code)))
      }
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regular(size: Int(info.st_size))
    case S_IFDIR: return .directory
    case S_IFIFO: return .fifo
    case S_IFCHR: return .characterDevice
    case S_IFBLK: return .blockDevice
    case S_IFSOCK: return .socket
    default: return .inaccessible(reason: "unknown file type")
    }
  }

  /// The size of the regular file at `path`; throws `fileNotFound` when nothing is there and
  /// `unreadable` (exit 66) naming what is there otherwise (never opening it).
  @discardableResult
  public static func checkRegular(_ path: String) throws -> Int {
    let found = kind(of: path)
    switch found {
    case .regular(let size): return size
    case .missing: throw DataError.fileNotFound(name: path, searched: [path])
    default: throw refusal(path, found)
    }
  }

  /// The error for a path that holds something other than a regular file.
  static func refusal(_ path: String, _ found: EntryType) -> DataError {
    let remedy: String
    switch found {
    case .directory: remedy = "name a data file inside it"
    case .symlinkLoop: remedy = "fix the link so that it points at a data file"
    case .inaccessible: remedy = "check the permissions of the folders on the path"
    default: remedy = "data is read from regular files only; copy it into a file first"
    }
    return .unreadable(file: path, reason: "is \(found.noun), not a regular file; \(remedy)")
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
