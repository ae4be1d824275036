import Foundation
import Testing

@testable import Reports

/// The remedy of a write that failed follows its cause, decided in one place for every writer:
/// a file over the `ulimit -f` is told to raise it (tester BF: it was told to "make room or
/// fix the folder"), and a file named with `-o` on a full disk is told to make room (it was
/// only told to choose a writable place).
@Suite struct WriteFailureAdviceTests {
  @Test func theRemedyFollowsTheCause() {
    let tooLarge = "File too large"
    #expect(
      WriteFailureAdvice.action(reason: tooLarge, fileSizeLimited: true)
        == "raise the file size limit (ulimit -f)")
    // Without a file size limit the file system refused a file that large: not a ulimit.
    #expect(
      WriteFailureAdvice.action(reason: tooLarge, fileSizeLimited: false)
        == "make room or fix the folder")
    for reason in ["No space left on device", "Disk quota exceeded"] {
      #expect(
        WriteFailureAdvice.action(reason: reason, fileSizeLimited: true)
          == "make room or fix the folder", "\(reason)")
    }
    #expect(
      WriteFailureAdvice.action(
        reason: "x is \(RunFolderMode.protectedWords)", fileSizeLimited: true)
        == "make it writable (chmod u+w)")
    #expect(
      WriteFailureAdvice.action(reason: "Input/output error", fileSizeLimited: true)
        == "fix the folder")
  }

  @Test func anOutputFileIsToldTheSameRemedyOrAnotherPlace() {
    func advice(_ reason: String, limited: Bool = false) -> String {
      WriteFailureAdvice.outputAction(reason: reason, option: "-o", fileSizeLimited: limited)
    }
    #expect(advice("No space left on device") == "make room, or choose another place for -o")
    #expect(advice("File too large", limited: true) == "raise the file size limit (ulimit -f)")
    #expect(advice("Permission denied") == "choose a writable place for -o")
  }
}
