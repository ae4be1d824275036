import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file of its own folder that the user write-protected (`chmod a-w`: a run's summary.csv, a
/// sweep's report.md or plots) refuses `run`, `sweep` and `merge` before they write anything
/// (73, the file named), as `runner report` refuses it; they replaced it before, 444 becoming
/// 644 (tester BB F10). `validate` refuses what they refuse, a protected sweep folder too
/// (tester BB F9).
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ProtectedOwnFilesBinaryTests {
  /// The bytes and mode of `file`.
  static func state(_ file: URL) -> (Data?, mode_t) {
    var info = stat()
    _ = stat(file.path, &info)
    return (FileManager.default.contents(atPath: file.path), info.st_mode & 0o7777)
  }

  /// `validate` and then `command` (the same arguments): both refused 73 with the same line
  /// naming `protected`, which is left as it was.
  static func expectBothRefuse(
    _ command: String, _ arguments: [String], in dir: URL, protected: URL
  ) throws {
    let before = Self.state(protected)
    let message = "\(protected.path) is write-protected"
    let line = { (text: String) in text.split(separator: "\n").first { $0.contains(message) } }
    let v = try InputFaultBinaryTests.run(["validate"] + arguments, in: dir)
    #expect(v.status == 73, "\(v.output)\(v.error)")
    let r = try InputFaultBinaryTests.run([command] + arguments, in: dir)
    #expect(r.status == 73, "\(r.output)\(r.error)")
    #expect(line(v.error) != nil && line(v.error) == line(r.error), "\(v.error)\n\(r.error)")
    #expect(Self.state(protected) == before)
  }

  @Test(arguments: ["summary.csv", "report.md", "plots"])
  func aRunsProtectedFileRefusesTheRerun(_ name: String) throws {
    let dir = try InputFaultBinaryTests.project(
      ["spec.yaml": InputFaultBinaryTests.spec("points.csv")], label: "run-\(name)")
    let spec = dir.appendingPathComponent("spec.yaml").path
    let results = dir.appendingPathComponent("results")
    let first = try InputFaultBinaryTests.run(
      ["run", spec, "--results-dir", results.path], in: dir)
    #expect(first.status == 0, "\(first.error)")
    let protected = results.appendingPathComponent("points/\(name)")
    #expect(chmod(protected.path, name == "plots" ? 0o555 : 0o444) == 0)
    defer {
      _ = chmod(protected.path, 0o755)
      try? FileManager.default.removeItem(at: dir)
    }
    try Self.expectBothRefuse(
      "run", [spec, "--results-dir", results.path], in: dir, protected: protected)
  }

  /// The sweep folder itself (F9), its report, and a chart (its first in `plots/`): sweep,
  /// validate and merge refuse it.
  @Test(arguments: ["", "report.md", "plots"])
  func aSweepsProtectedFolderOrFileRefusesSweepAndMerge(_ name: String) throws {
    let dir = SweepBinary.temporaryDirectory("sweep-\(name)")
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let sweeps = dir.appendingPathComponent("sweeps")
    let first = try InputFaultBinaryTests.run(
      ["sweep", spec, "--results-dir", sweeps.path], in: dir)
    #expect(first.status == 0, "\(first.error)")
    let folder = sweeps.appendingPathComponent("sweep-linear-grid")
    // A copy to merge into, missing one trial, protected the same way.
    let merged = dir.appendingPathComponent("m/sweep-linear-grid")
    try FileManager.default.createDirectory(
      at: merged.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: folder, to: merged)
    let trial = try #require(
      try FileManager.default.contentsOfDirectory(atPath: merged.path).first { $0.count == 12 })
    try FileManager.default.removeItem(at: merged.appendingPathComponent(trial))
    // "plots": its first chart.
    let plot = try FileManager.default.contentsOfDirectory(
      atPath: folder.appendingPathComponent("plots").path
    ).sorted().first.map { "plots/\($0)" }
    let file = name == "plots" ? try #require(plot) : name
    let protected = [folder, merged].map { file.isEmpty ? $0 : $0.appendingPathComponent(file) }
    #expect(FileManager.default.fileExists(atPath: protected[0].path), "\(protected[0].path)")
    for url in protected { #expect(chmod(url.path, file.isEmpty ? 0o555 : 0o444) == 0) }
    defer {
      for url in protected { _ = chmod(url.path, 0o755) }
      try? FileManager.default.removeItem(at: dir)
    }
    try Self.expectBothRefuse(
      "sweep", [spec, "--results-dir", sweeps.path], in: dir, protected: protected[0])
    let before = ProtectedAncestorBinaryTests.entries(merged)
    let merge = try InputFaultBinaryTests.run(
      ["merge", folder.path, "--into", merged.path], in: dir)
    #expect(merge.status == 73, "\(merge.output)\(merge.error)")
    #expect(merge.error.contains("\(protected[1].path) is write-protected"), "\(merge.error)")
    #expect(ProtectedAncestorBinaryTests.entries(merged) == before)
  }

  /// A trial folder the sweep would run again (its summary.csv gone), write-protected: the
  /// sweep stops with 73 naming it, and leaves it as it is (tester BB F4: it was replaced).
  @Test func aProtectedTrialFolderToRunAgainStopsTheSweep() throws {
    let dir = SweepBinary.temporaryDirectory()
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let sweeps = dir.appendingPathComponent("sweeps")
    let first = try InputFaultBinaryTests.run(
      ["sweep", spec, "--results-dir", sweeps.path], in: dir)
    #expect(first.status == 0, "\(first.error)")
    let folder = sweeps.appendingPathComponent("sweep-linear-grid")
    let trial = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().first {
        $0.count == 12
      })
    let protected = folder.appendingPathComponent(trial)
    try FileManager.default.removeItem(at: protected.appendingPathComponent("summary.csv"))
    #expect(chmod(protected.path, 0o555) == 0)
    defer {
      _ = chmod(protected.path, 0o755)
      try? FileManager.default.removeItem(at: dir)
    }
    let before = SweepBinary.contents(of: protected)
    let again = try InputFaultBinaryTests.run(
      ["sweep", spec, "--results-dir", sweeps.path], in: dir)
    #expect(again.status == 73, "\(again.output)\(again.error)")
    #expect(again.error.contains("\(protected.path) is write-protected"), "\(again.error)")
    #expect(SweepBinary.contents(of: protected) == before)
    #expect(ProtectedOwnFilesBinaryTests.state(protected).1 == 0o555)
  }
}
