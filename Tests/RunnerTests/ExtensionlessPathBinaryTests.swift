import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Tester AW's F7: a data path without an extension that is a folder or a FIFO was refused as
/// "cannot tell the format … add `format:`", and adding it met a second error, the one that
/// names the folder (exit 66). That one now comes first, as it does for `dir.csv`.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ExtensionlessPathBinaryTests {
  @Test func aFolderOrFIFOWithoutExtensionIsNamedForWhatItIs() throws {
    let dir = try InputFaultBinaryTests.project([
      "folder.yaml": InputFaultBinaryTests.spec("sub"),
      "fifo.yaml": InputFaultBinaryTests.spec("pipe"),
      "plain.yaml": InputFaultBinaryTests.spec("noext"),
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
    #expect(mkfifo(dir.appendingPathComponent("pipe").path, 0o600) == 0)
    try "x1,x2,label\n1,2,0\n".write(
      to: dir.appendingPathComponent("noext"), atomically: true, encoding: .utf8)
    for (spec, what) in [
      ("folder.yaml", "is a directory, not a regular file; name a data file inside it"),
      ("fifo.yaml", "is a named pipe (FIFO)"),
    ] {
      for command in ["validate", "run"] {
        let r = try InputFaultBinaryTests.run(
          [
            command, dir.appendingPathComponent(spec).path, "--results-dir",
            dir.appendingPathComponent("results").path,
          ], in: dir)
        #expect(r.status == 66, "\(command) \(spec): \(r.error)")
        #expect(r.error.contains(what), "\(command) \(spec): \(r.error)")
        #expect(!r.error.contains("cannot tell the format"), "\(command) \(spec): \(r.error)")
      }
    }
    // A regular file without an extension still needs its format.
    let plain = try InputFaultBinaryTests.run(
      ["validate", dir.appendingPathComponent("plain.yaml").path], in: dir)
    #expect(plain.status == 65, "\(plain.error)")
    #expect(plain.error.contains("cannot tell the format of 'noext' from its extension"))
  }
}
