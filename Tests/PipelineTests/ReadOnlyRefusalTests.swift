import Foundation
import Testing

@testable import Pipeline
@testable import Reports

/// On a file system mounted read-only, a run or a sweep over an earlier folder is refused as
/// the results root there is ("cannot create files in it (Read-only file system); choose a
/// writable --results-dir"), not told to `chmod -R u+w` or to choose another `output` beside
/// it, neither of which can work there (tester BF F3). A folder the user protected on a
/// writable file system keeps its own refusal.
@Suite struct ReadOnlyRefusalTests {
  @Test func aFolderOnAReadOnlyFileSystemIsRefusedAsItsRootIs() {
    let path = "/mnt/ro/results/iris"
    let readOnly = FolderError.protected(path, readOnly: { $0 == path })
    #expect(readOnly == .unusable(path: path, reason: ReadOnlyMount.reason))
    #expect(readOnly.exitCode == .cannotCreate)
    #expect(
      readOnly.description
        == "error: cannot write results in \(path): cannot create files in it (Read-only file "
        + "system); choose a writable --results-dir (or `results_dir` in runner.yaml, or the "
        + "spec's `output`)")
    #expect(!readOnly.description.contains("chmod"))
    let protected = FolderError.protected(path, readOnly: { _ in false })
    #expect(protected == .writeProtected(path: path))
    #expect(protected.description.contains("chmod -R u+w \(path)"))
  }

  /// `runner sweep --dry-run` lists such a folder with the same diagnosis.
  @Test func aDryRunNotesTheReadOnlyFileSystem() {
    let entry = URL(fileURLWithPath: "/mnt/ro/results/s/3f2a")
    let note = SweepRunner.protectedNote(entry, readOnly: { _ in true })
    #expect(note.contains("is on a read-only file system"), "\(note)")
    #expect(note.hasSuffix("choose a writable --results-dir"), "\(note)")
    #expect(SweepRunner.protectedNote(entry, readOnly: { _ in false }).contains("chmod -R u+w"))
  }

  /// The mount flag is read from the file system: the temporary folder is on a writable one,
  /// and a path that cannot be reached is on none.
  @Test func theMountFlagIsReadFromTheFileSystem() {
    #expect(!ReadOnlyMount.contains(FileManager.default.temporaryDirectory.path))
    #expect(!ReadOnlyMount.contains("/no/such/path/at/all"))
  }

  /// `runner data export -o` and `runner predict -o` on a full disk are told to make room (or
  /// choose another place), as every other writer is.
  @Test func anOutputOnAFullDiskIsToldToMakeRoom() {
    let error = OutputFileError(
      .cannotCreate(reason: "No space left on device"), output: "out.csv", kind: "data export")
    #expect(
      error.description
        == "error: cannot create -o out.csv: No space left on device (make room, or choose "
        + "another place for -o)")
  }
}
