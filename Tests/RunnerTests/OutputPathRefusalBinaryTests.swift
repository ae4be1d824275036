import Foundation
import Testing

/// Tester findings m3 and m4 on the file `-o` names: a path through a file
/// (`-o notes.txt/out.csv`) said the system's "File exists"; `runner predict` without -o in a
/// write-protected folder wrote there as root, where every other command refuses it. Both are
/// refused before any work, exit 73, nothing written, in the words the other commands use.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct OutputPathRefusalBinaryTests {
  @Test func anOutputThroughAFileSaysItIsAFileNotAFolder() throws {
    let (dir, spec, params) = try CommandFaultBinaryTests.trained()
    defer { try? FileManager.default.removeItem(at: dir) }
    let notes = dir.appendingPathComponent("notes.txt")
    try "mine\n".write(to: notes, atomically: true, encoding: .utf8)
    let data = dir.appendingPathComponent("points.csv").path
    let predict = try SweepBinary.run(
      ["predict", spec, "--params", params, "--data", data, "-o", "notes.txt/out.csv"], in: dir)
    #expect(predict.status == 73, "\(predict.error)")
    #expect(
      predict.error
        == "error: cannot create -o notes.txt/out.csv: notes.txt is a file, not a folder; "
        + "nothing was written (give -o a path in a folder, created when missing, or move "
        + "notes.txt away)\n")
    let export = try SweepBinary.run(
      ["data", "export", spec, "-o", "notes.txt/deeper/rows.csv"], in: dir)
    #expect(export.status == 73, "\(export.error)")
    #expect(export.error.contains(": notes.txt is a file, not a folder; nothing was written"))
    #expect(try String(contentsOf: notes, encoding: .utf8) == "mine\n")
    #expect(predict.output.isEmpty && export.output.isEmpty)
  }

  @Test func predictInAWriteProtectedFolderIsRefusedAsEveryCommandRefusesIt() throws {
    let (dir, spec, params) = try CommandFaultBinaryTests.trained()
    let protected = dir.appendingPathComponent("ro")
    try FileManager.default.createDirectory(at: protected, withIntermediateDirectories: true)
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: protected.path)
    defer {
      try? FileManager.default.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: protected.path)
      try? FileManager.default.removeItem(at: dir)
    }
    let data = dir.appendingPathComponent("points.csv").path
    let r = try SweepBinary.run(
      ["predict", spec, "--params", params, "--data", data], in: protected)
    #expect(r.status == 73, "\(r.error)")
    let real = protected.resolvingSymlinksInPath().path
    #expect(
      r.error
        == "error: cannot write the predictions file predictions.csv: \(real) is "
        + "write-protected (its owner may not write it); the runner leaves it as it is: make it "
        + "writable (chmod u+w) or write elsewhere (-o chooses where); nothing was written\n",
      "\(r.error)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: protected.path).isEmpty)
  }
}
