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
