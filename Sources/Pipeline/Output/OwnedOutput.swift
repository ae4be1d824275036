import Conventions
import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a command that writes a file of its own (`runner predict`'s predictions, `runner data
/// export`'s table) refused its output (exit 73): it never overwrites what the runner did not
/// write.
public struct OutputFileError: UserFacingError, Equatable {
  /// What is wrong with the output path.
  public enum Problem: Sendable, Equatable {
    /// The output is one of the command's inputs (`what` names it: the spec, `--data`, …).
    case isInput(what: String)
    /// The output is a folder (or a link to one).
    case isFolder
    /// The output is a symbolic link (to `destination`, which may not exist) and `--force` was
    /// not given.
    case link(destination: String)
    /// The output exists and is not a file of this kind that the runner wrote.
    case foreign
    /// The output is in a kernel pseudo-filesystem (`/proc`, `/sys`, `/dev`; `reason` says which).
    case systemFolder(reason: String)
    /// The output file could not be created (`reason`: its folder is missing, read-only, …).
    case cannotCreate(reason: String)
    /// A folder above the output is no folder: `entry` (as given) `what` (`is a file, not a
    /// folder`).
    case notAFolder(entry: String, what: String)
    /// The output, or the folder that would take it, is write-protected (`reason`, from
    /// `RunFolderMode.protection(writing:)`, names it and says what to do).
    case protected(reason: String)
  }

  /// The `-o` value as given.
  public var output: String
  /// What the command writes, in messages: `predictions file`, `data export`.
  public var kind: String
  /// What is wrong.
  public var problem: Problem

  /// A refusal of `output`, a `kind` file, for `problem`.
  public init(_ problem: Problem, output: String, kind: String) {
    self.problem = problem
    self.output = output
    self.kind = kind
  }

  /// Always 73 (EX_CANTCREAT).
  public var exitCode: ExitStatus { .cannotCreate }

  /// The message for the user, starting `error:`, with what to do instead.
  public var description: String {
    switch problem {
    case .isInput(let what):
      "error: -o \(output) is \(what), an input of this command; refusing to overwrite it "
        + "(choose another -o)"
    case .isFolder:
      "error: -o \(output) is a folder; name the \(kind) to write"
    case .link(let destination):
      "error: -o \(output) is a symbolic link (to \(destination)); refusing to replace it "
        + "(choose another -o, or pass --force to replace the link itself with the \(kind), "
        + "leaving \(destination) as it is)"
    case .foreign:
      "error: -o \(output) exists and is not a \(kind) the runner wrote (or it was changed "
        + "since); refusing to overwrite it (choose another -o, move the file away, or pass "
        + "--force)"
    case .systemFolder(let reason):
      "error: -o \(output): \(reason), where no \(kind) can go (choose another -o)"
    case .cannotCreate(let reason):
      "error: cannot create -o \(output): \(reason) "
        + "(\(WriteFailureAdvice.outputAction(reason: reason, option: "-o")))"
    case .notAFolder(let entry, let what):
      "error: cannot create -o \(output): \(entry) \(what); nothing was written (give -o a "
        + "path in a folder, created when missing, or move \(entry) away)"
    case .protected(let reason):
      "error: cannot write the \(kind) \(output): \(reason) (-o chooses where); nothing was "
        + "written"
    }
  }
}

/// A file a command writes and replaces only when the runner wrote it, byte for byte (or when
/// forced); never one of the command's inputs, a folder, or a place in `/proc`, `/sys`, `/dev`.
/// What the runner wrote is recorded beside it (`WrittenRecord`, the digest of each file it
/// wrote in that folder), so a file of the same shape that is yours, or one you edited, is
/// refused. A symbolic link at the path is never written through: it is refused, or with
/// `--force` replaced itself (the atomic rename replaces the link), the file it names left as
/// it is.
public enum OwnedOutput {
  /// Throws unless `output` (a `kind` file) may be written by a command reading `inputs` (each
  /// with how messages name it): it is absent, or the runner recorded writing these very bytes
  /// there; `force` allows replacing a file or link the runner did not write.
  public static func check(
    _ output: String, kind: String, inputs: [(String, URL)], force: Bool
  ) throws(OutputFileError) {
    func refuse(_ problem: OutputFileError.Problem) -> OutputFileError {
      OutputFileError(problem, output: output, kind: kind)
    }
    let url = URL(fileURLWithPath: output)
    if let reason = SystemFolder.reason(url.path) { throw refuse(.systemFolder(reason: reason)) }
    // `-o notes.txt/out.csv`: said so, not the system's "File exists" or "Not a directory".
    if let (entry, what) = PathEntry.blocking(
      atOrAbove: (output as NSString).deletingLastPathComponent)
    {
      throw refuse(.notAFolder(entry: entry, what: what))
    }
    // What the path itself is: a link is not followed (a dangling one exists too).
    let manager = FileManager.default
    let attributes = try? manager.attributesOfItem(atPath: url.path)
    if attributes != nil {
      var isDirectory: ObjCBool = false
      if manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
        throw refuse(.isFolder)
      }
      for (what, input) in inputs where PredictionsOutput.sameFile(url, input) {
        throw refuse(.isInput(what: what))
      }
    }
    // A folder made `chmod a-w` (or the file itself) is refused as every command refuses it,
    // root too, before the command's work (tester m4: predict wrote there as root).
    if let reason = RunFolderMode.protection(writing: url) {
      throw refuse(.protected(reason: reason))
    }
    guard let attributes, !force else { return }
    if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
      let destination = (try? manager.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
      throw refuse(.link(destination: destination))
    }
    if !isWritten(url) { throw refuse(.foreign) }
  }

  /// Whether `url` is, byte for byte, the file the runner recorded writing there last.
  static func isWritten(_ url: URL) -> Bool {
    WrittenRecord.isOwn(url.lastPathComponent, in: url.deletingLastPathComponent())
  }

  /// Writes `text` to `output` atomically (a temporary renamed over the path: a link there is
  /// replaced, not followed), with the record of its digest in its folder (`WrittenRecord`);
  /// a place it cannot create or write is an `OutputFileError`.
  /// The temporaries that writes killed before their rename (Ctrl-C before this runner
  /// handled it, `kill -9`) left beside `output` are removed first: only plain files named as
  /// `AtomicFile` names a temporary of this very path (`.<name>.tmp-<pid>-<UUID>`) whose writer
  /// is gone.
  public static func write(_ text: String, to output: String, kind: String) throws {
    let url = URL(fileURLWithPath: output)
    let folder = url.deletingLastPathComponent()
    removeStaleTemporaries(of: url)
    removeStaleTemporaries(of: folder.appendingPathComponent(WrittenRecord.name))
    let bytes = Data(text.utf8)
    do {
      let record = try WrittenRecord.prepared(with: [(url.lastPathComponent, bytes)], in: folder)
      try AtomicFile.write([
        (url, bytes), (folder.appendingPathComponent(record.name), record.bytes),
      ])
    } catch {
      switch error {
      case .cannotCreateDirectory(_, let reason), .cannotWrite(_, let reason):
        throw OutputFileError(.cannotCreate(reason: reason), output: output, kind: kind)
      default: throw error
      }
    }
  }

  /// Removes the temporaries a dead writer of `url` left beside it (see `write`).
  static func removeStaleTemporaries(of url: URL) {
    removeStaleTemporaries(in: url.deletingLastPathComponent()) { $0 == url.lastPathComponent }
  }

  /// Removes from `directory` the temporaries of the files `isOwn` names that dead writers left:
  /// only plain files named exactly as `AtomicFile` names a temporary
  /// (`.<name>.tmp-<pid>-<UUID>`) whose process is gone, never a folder.
  static func removeStaleTemporaries(in directory: URL, of isOwn: (String) -> Bool) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    for name in names {
      guard let temporary = AtomicFile.temporary(name), isOwn(temporary.file),
        name == ".\(temporary.file)\(AtomicFile.temporaryMark)\(temporary.pid)-\(name.suffix(36))",
        UUID(uuidString: String(name.suffix(36))) != nil, !ProcessLiveness.isRunning(temporary.pid)
      else { continue }
      let path = directory.appendingPathComponent(name).path
      if PathEntry.isPlainFile(path) { unlink(path) }
    }
  }
}
