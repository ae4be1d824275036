import Foundation
import Reports
import Testing

/// A folder or file the user write-protected (`chmod a-w`) is not written into by any command
/// (report, export, `-o`), root included, whom the kernel lets write anywhere (tester BA F-K:
/// as root, only `run` honoured the bits).
@Suite struct AtomicFileProtectionTests {
  @Test func aWriteProtectedFolderOrFileIsRefusedAndLeftAsItIs() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-protected-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer {
      _ = chmod(folder.path, 0o755)
      try? FileManager.default.removeItem(at: folder)
    }
    let kept = folder.appendingPathComponent("kept.csv")
    try AtomicFile.write("a\n", to: kept)
    // The file protected: refused, its bytes and mode kept.
    #expect(chmod(kept.path, 0o444) == 0)
    #expect(throws: ResultsFileError.self) { try AtomicFile.write("b\n", to: kept) }
    #expect(try String(contentsOf: kept, encoding: .utf8) == "a\n")
    // The folder protected: a new file is refused too, and nothing is left in it.
    #expect(chmod(kept.path, 0o644) == 0)
    #expect(chmod(folder.path, 0o555) == 0)
    do {
      try AtomicFile.write("c\n", to: folder.appendingPathComponent("new.csv"))
      Issue.record("written into a write-protected folder")
    } catch {
      #expect("\(error)".contains("\(folder.path) is write-protected"), "\(error)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["kept.csv"])
  }
}

/// A file whose missing folders would be created inside a write-protected folder is refused
/// naming that folder, and no folder is created (tester BB F1: `ro/a/b/p.csv` made `ro/a/b`).
@Suite struct AtomicFileNestedProtectionTests {
  @Test func aFileBelowAMissingFolderOfAProtectedOneIsRefused() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-protected-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    #expect(chmod(folder.path, 0o555) == 0)
    defer {
      _ = chmod(folder.path, 0o755)
      try? FileManager.default.removeItem(at: folder)
    }
    do {
      try AtomicFile.write("c\n", to: folder.appendingPathComponent("a/b/new.csv"))
      Issue.record("written below a write-protected folder")
    } catch {
      #expect("\(error)".contains("\(folder.path) is write-protected"), "\(error)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    #expect(
      RunFolderMode.protectedFolder(creating: folder.appendingPathComponent("x/y"))?.path
        == folder.path)
    // The kernel's own folders are not taken for a user's protection.
    #expect(RunFolderMode.protectedFolder(creating: URL(fileURLWithPath: "/proc/x/y")) == nil)
  }
}
