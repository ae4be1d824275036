import Foundation
import Testing

/// `runner sweep` into a read-only results folder had no test on the built binary (`run`'s
/// has one): refused before anything runs, naming the folder, with the exit status `run` has
/// there, and the earlier results in it left as they were.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct SweepReadOnlyResultsBinaryTests {
  @Test func aSweepIntoAReadOnlyResultsFolderIsRefusedAsARunIsAndLosesNothing() throws {
    let dir = try WriteFaultBinaryTests.project()
    let results = dir.appendingPathComponent("results")
    defer {
      try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: results.path)
      try? FileManager.default.removeItem(at: dir)
    }
    let m = dir.appendingPathComponent("m.yaml").path
    let s = dir.appendingPathComponent("s.yaml").path
    let first = try SweepBinary.run(["run", m, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let before = SweepBinary.contents(of: results)
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: results.path)
    let run = try SweepBinary.run(["run", m, "--results-dir", results.path, "--set", "output=n"])
    let sweep = try SweepBinary.run(["sweep", s, "--results-dir", results.path])
    #expect(run.status == 73, "\(run.error)")
    #expect(sweep.status == run.status, "\(sweep.error)")
    #expect(
      sweep.error.contains("error: cannot write results in \(results.path)"), "\(sweep.error)")
    #expect(sweep.error.contains("choose a writable --results-dir"), "\(sweep.error)")
    #expect(!sweep.error.contains("NSCocoaErrorDomain"), "\(sweep.error)")
    // Nothing lost or left: the earlier run as it was, no sweep folder, no temporaries.
    #expect(SweepBinary.contents(of: results) == before)
    let names = try FileManager.default.contentsOfDirectory(atPath: results.path)
    #expect(names == ["m"], "\(names)")
  }
}
