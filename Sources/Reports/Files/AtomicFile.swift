import Conventions
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes results files atomically: the bytes go to a temporary file in the destination's
/// directory, which is then renamed over the destination. A reader (or a run killed mid-write,
/// even with `kill -9`) therefore sees either the old file or the whole new one, never half a
/// file. Leftover temporaries are named `.<name>.tmp-…` and can be deleted.
///
/// By default the bytes are not forced to disk before the rename: that protects against a
/// killed process, not against a power failure or kernel crash, and costs about 7.6 ms per file
/// here (against 0.1 ms) — seconds over a sweep. Pass `durable: true` to `fsync` first.
public enum AtomicFile {
  /// What a temporary's name holds after its file's name: `.<name>.tmp-<pid>-<uuid>`.
  public static let temporaryMark = ".tmp-"

  /// Whether `name` is a temporary an interrupted write left behind.
  public static func isTemporary(_ name: String) -> Bool {
    name.hasPrefix(".") && name.contains(temporaryMark)
  }

  /// The file a temporary `name` (`.<file>.tmp-<pid>-<uuid>`) was written for and the pid of
  /// the process writing it; nil for another name.
  public static func temporary(_ name: String) -> (file: String, pid: pid_t)? {
    guard name.hasPrefix("."), let mark = name.range(of: temporaryMark),
      let pid = name[mark.upperBound...].split(separator: "-", maxSplits: 1).first
        .flatMap({ pid_t(String($0)) })
    else { return nil }
    return (String(name[name.index(after: name.startIndex)..<mark.lowerBound]), pid)
  }

  /// Writes `text` as UTF-8 to `url`, creating missing parent directories.
  public static func write(_ text: String, to url: URL, durable: Bool = false)
    throws(ResultsFileError)
  {
    try write(Data(text.utf8), to: url, durable: durable)
  }

  /// Writes `data` to `url`, creating missing parent directories; `durable` flushes the bytes
  /// to disk (`fsync`) before the rename. `midway` runs between the two halves of the bytes
  /// (a test hook that kills the process inside a write).
  public static func write(
    _ data: Data, to url: URL, durable: Bool = false, midway: (() -> Void)? = nil
  ) throws(ResultsFileError) {
    try place(stage(data, for: url, durable: durable, midway: midway), at: url)
  }

  /// Writes several files, replacing each only once every one is written: all the bytes go to
  /// temporaries first, then each is renamed over its file, and `placed` runs (the removal of
  /// files the new ones make stale), the renames and `placed` together before an interrupt
  /// can end the process (`OwnTemporaries.committing`). A write that fails (a full disk)
  /// removes the temporaries and leaves every file as it was.
  public static func write(_ files: [(url: URL, data: Data)], placed: () -> Void = {})
    throws(ResultsFileError)
  {
    var staged: [URL] = []
    do {
      for file in files { staged.append(try stage(file.data, for: file.url)) }
    } catch {
      for temporary in staged {
        try? FileManager.default.removeItem(at: temporary)
        OwnTemporaries.forget(temporary)
      }
      throw error
    }
    try OwnTemporaries.committing { () throws(ResultsFileError) in
      for (index, file) in files.enumerated() {
        do throws(ResultsFileError) { try place(staged[index], at: file.url) } catch {
          for temporary in staged[(index + 1)...] {
            try? FileManager.default.removeItem(at: temporary)
            OwnTemporaries.forget(temporary)
          }
          throw error
        }
      }
      placed()
    }
  }

  /// Writes `data` to a new temporary beside `url` (creating missing parent directories);
  /// returns it. Nothing is left behind when a write fails.
  private static func stage(
    _ data: Data, for url: URL, durable: Bool = false, midway: (() -> Void)? = nil
  ) throws(ResultsFileError) -> URL {
    let directory = url.deletingLastPathComponent()
    if let protection = RunFolderMode.protection(writing: url) {
      throw .cannotWrite(path: url.path, reason: protection)
    }
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent)\(temporaryMark)\(getpid())-\(UUID().uuidString)")
    // Recorded as it is made, so that an interrupt ending the process removes it.
    let descriptor = try OwnTemporaries.creating(temporary) { () throws(ResultsFileError) in
      try RunFolderMode.createFolders(directory)
      // `open` rather than `FileManager.createFile`, which itself writes through a hidden
      // `.dat.nosync…` temporary that a process killed at that moment would leave behind.
      return open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    }
    guard descriptor >= 0 else {
      let code = errno
      OwnTemporaries.forget(temporary)
      throw .cannotWrite(path: url.path, reason: OSErrorText.of(code))
    }
    do {
      let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
      defer { try? handle.close() }
      if let midway {
        try handle.write(contentsOf: data.prefix(data.count / 2))
        midway()
        try handle.write(contentsOf: data.dropFirst(data.count / 2))
      } else {
        try handle.write(contentsOf: data)
      }
      if durable { try handle.synchronize() }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      OwnTemporaries.forget(temporary)
      throw .cannotWrite(path: url.path, reason: reason(error))
    }
    return temporary
  }

  /// Renames `temporary` over `url`; removes it when that fails.
  private static func place(_ temporary: URL, at url: URL) throws(ResultsFileError) {
    defer { OwnTemporaries.forget(temporary) }
    guard rename(temporary.path, url.path) == 0 else {
      let message = OSErrorText.last
      try? FileManager.default.removeItem(at: temporary)
      throw .cannotWrite(path: url.path, reason: message)
    }
  }

  /// Reads a UTF-8 text file; a pipe, device, directory or symbolic link loop is refused
  /// unopened, named for what it is (`PathEntry.refusal`), not "no such file".
  public static func read(_ url: URL) throws(ResultsFileError) -> String {
    let entry = PathEntry.of(url.path)
    guard entry != .missing else { throw .missing(path: url.path) }
    if let reason = entry.refusal { throw .cannotRead(path: url.path, reason: reason) }
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw .cannotRead(path: url.path, reason: reason(error))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .cannotRead(path: url.path, reason: "not UTF-8 text")
    }
    return text
  }

  /// Why a file operation failed, in the system's words (`Not a directory`) when Foundation
  /// wraps a system error in its generic `The operation could not be completed`.
  public static func reason(_ error: any Error) -> String {
    OSErrorText.code(of: error).map(OSErrorText.of) ?? error.localizedDescription
  }
}

/// A results file that could not be written or read.
public enum ResultsFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The directory for a results file could not be created.
  case cannotCreateDirectory(path: String, reason: String)
  /// A results file could not be written.
  case cannotWrite(path: String, reason: String)
  /// A file that should exist does not.
  case missing(path: String)
  /// A file exists but could not be read.
  case cannotRead(path: String, reason: String)
  /// A CSV file whose text is not a valid table.
  case malformedCSV(path: String, CSVError)
  /// A results directory without any of the CSV files a report is built from.
  case noResults(directory: String)

  /// The path and what went wrong, e.g. `results/x/metrics.csv: no such file`.
  public var description: String {
    switch self {
    case .cannotCreateDirectory(let path, let reason):
      return "cannot create directory \(path): \(reason)"
    case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
    case .missing(let path): return "\(path): no such file"
    case .cannotRead(let path, let reason): return "cannot read \(path): \(reason)"
    case .malformedCSV(let path, let error): return "\(path): \(error)"
    case .noResults(let directory):
      return
        "\(directory): no results to report (expected \(ResultsFile.summary), \(ResultsFile.metrics) or another results CSV; run the spec first)"
    }
  }
}

extension CSVTable {
  /// Writes the table atomically to `url` (see `AtomicFile`).
  public func write(to url: URL) throws(ResultsFileError) {
    try AtomicFile.write(rendered, to: url)
  }

  /// Reads and parses the CSV file at `url`.
  public init(contentsOf url: URL) throws(ResultsFileError) {
    let text = try AtomicFile.read(url)
    do { try self.init(parsing: text) } catch { throw .malformedCSV(path: url.path, error) }
  }
}
