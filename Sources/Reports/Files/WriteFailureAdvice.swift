import Conventions
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What to do after a write that failed, from its reason: room when the disk or a quota is full,
/// a higher `ulimit -f` when the file size limit stopped it, a writable entry when the user
/// protected one, else a fixed folder (tester BD m7: a protection was told to "make room";
/// tester BF: a file size limit was told to "make room or fix the folder").
public enum WriteFailureAdvice {
  /// Why a write failed, as far as its reason tells what to do.
  public enum Cause: Sendable, Equatable {
    /// An entry the user write-protected (`RunFolderMode`).
    case protected
    /// The file size limit (`ulimit -f`, `EFBIG` while it is set).
    case fileSizeLimit
    /// A full disk or quota (`ENOSPC`, `EDQUOT`; `EFBIG` without a file size limit).
    case full
    /// Anything else.
    case other
  }

  /// The cause of a write that failed for `reason`; `fileSizeLimited`: whether a `ulimit -f`
  /// is set (by default this process's).
  public static func cause(reason: String, fileSizeLimited: Bool = fileSizeIsLimited) -> Cause {
    if reason.contains(RunFolderMode.protectedWords) { return .protected }
    if fileSizeLimited && reason.contains(OSErrorText.of(EFBIG)) { return .fileSizeLimit }
    let full = [ENOSPC, EDQUOT, EFBIG].map(OSErrorText.of)
    return full.contains(where: reason.contains) ? .full : .other
  }

  /// `make room or fix the folder` for a full disk or quota, `raise the file size limit
  /// (ulimit -f)` for a file over it, `make it writable (chmod u+w)` for a protection
  /// (`RunFolderMode`), `fix the folder` for anything else.
  public static func action(reason: String, fileSizeLimited: Bool = fileSizeIsLimited) -> String {
    switch cause(reason: reason, fileSizeLimited: fileSizeLimited) {
    case .protected: "make it writable (chmod u+w)"
    case .fileSizeLimit: raiseFileSizeLimit
    case .full: "make room or fix the folder"
    case .other: "fix the folder"
    }
  }

  /// What to do about a file a command names itself (`-o FILE`) that could not be created for
  /// `reason`: the cause's remedy, or another place for it (`option`, e.g. `-o`).
  public static func outputAction(
    reason: String, option: String, fileSizeLimited: Bool = fileSizeIsLimited
  ) -> String {
    switch cause(reason: reason, fileSizeLimited: fileSizeLimited) {
    case .protected: "make it writable (chmod u+w), or choose another place for \(option)"
    case .fileSizeLimit: raiseFileSizeLimit
    case .full: "make room, or choose another place for \(option)"
    case .other: "choose a writable place for \(option)"
    }
  }

  /// The remedy for a file over the file size limit.
  static let raiseFileSizeLimit = "raise the file size limit (ulimit -f)"

  /// Whether this process has a file size limit (`ulimit -f`, `RLIMIT_FSIZE`).
  public static var fileSizeIsLimited: Bool { ResourceLimit.fileSize.soft != nil }

  /// `action(reason:)` for the reason `error` gives (`fix the folder` when it gives none).
  public static func action(for error: ResultsFileError) -> String {
    switch error {
    case .cannotWrite(_, let reason), .cannotCreateDirectory(_, let reason),
      .cannotRead(_, let reason):
      action(reason: reason)
    default: "fix the folder"
    }
  }
}
