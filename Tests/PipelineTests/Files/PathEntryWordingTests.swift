import Conventions
import Datasets
import Foundation
import Reports
import Specs
import Testing

/// The data loaders, the results files and the spec loader name what is at a path in the same
/// words (`PathEntry.refusal`), and none of them opens a pipe or a device.
@Suite struct PathEntryWordingTests {
  /// What each of the three readers says about `path`: the data loader, the results-file
  /// reader and the spec loader.
  static func messages(_ path: String) -> (data: String?, results: String?, spec: String?) {
    var data: String?
    do { try InputFile.checkRegular(path) } catch { data = "\(error)" }
    var spec: String?
    do { _ = try SpecLoader.readText(path) } catch { spec = error.description }
    return (data, ResultsFile.irregularity(atPath: path), spec)
  }

  @Test func pipesDevicesAndDirectoriesAreNamedAlikeEverywhere() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("pipe.yaml").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let expected = [
      fifo: "is a named pipe (FIFO), not a regular file",
      "/dev/null": "is a character device, not a regular file",
      folder.path: "is a directory, not a regular file",
    ]
    for (path, refusal) in expected {
      #expect(PathEntry.of(path).refusal == refusal)
      let said = Self.messages(path)
      #expect(said.results == refusal)
      #expect(said.data?.hasPrefix("\(path): cannot read: \(refusal); ") == true, "\(said)")
      // (A folder's refusal goes on to name the specs inside it.)
      #expect(said.spec?.hasPrefix("error: cannot read spec '\(path)': \(refusal)") == true)
    }
  }

  @Test func aSymbolicLinkLoopIsNamedNotMissing() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let loop = folder.appendingPathComponent("loop.yaml").path
    #expect(symlink(loop, loop) == 0)
    let refusal = "is a symbolic link loop (too many levels of links), not a regular file"
    let said = Self.messages(loop)
    #expect(said.data?.hasPrefix("\(loop): cannot read: \(refusal); ") == true, "\(said)")
    // Before: "no such file".
    #expect(said.spec == "error: cannot read spec '\(loop)': \(refusal)\n")
    var exit: Conventions.ExitStatus?
    do { _ = try SpecLoader.load(file: loop) } catch { exit = error.exitCode }
    #expect(exit == .noInput)
    // `runner diff` given the loop says what it is rather than "no such file or directory".
    do {
      _ = try ResultsDiff(URL(fileURLWithPath: loop), URL(fileURLWithPath: folder.path))
      Issue.record("a symbolic link loop was compared")
    } catch {
      #expect(
        error.description == "\(loop): is a symbolic link loop (too many levels of links)")
    }
  }
}
