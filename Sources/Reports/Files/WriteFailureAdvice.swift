import Conventions
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What to do after a write that failed, from its reason: room when the disk or a quota is full,
/// a writable entry when the user protected one, else a fixed folder (tester BD m7: a protection
/// was told to "make room").
public enum WriteFailureAdvice {
  /// `make room or fix the folder` for a full disk or quota or a file over its size limit,
  /// `make it writable (chmod u+w)` for
  /// a protection (`RunFolderMode`), `fix the folder` for anything else.
  public static func action(reason: String) -> String {
    if reason.contains(RunFolderMode.protectedWords) { return "make it writable (chmod u+w)" }
    let full = [ENOSPC, EDQUOT, EFBIG].map(OSErrorText.of)
    return full.contains(where: reason.contains) ? "make room or fix the folder" : "fix the folder"
  }

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
