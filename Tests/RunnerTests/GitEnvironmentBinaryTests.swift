import Foundation
import Testing

/// `environment.csv`'s `git_commit` is the commit of the repository holding the spec, whatever
/// git variables the shell exports: a `GIT_DIR` left by a hook or a deploy script recorded
/// another repository's commit as the run's provenance (tester AZ F5).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct GitEnvironmentBinaryTests {
  /// Runs `git arguments` in `directory`; its trimmed output, nil when it failed.
  static func git(_ arguments: [String], in directory: URL) throws -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["git", "-C", directory.path, "-c", "user.name=t", "-c", "user.email=t@t"] + arguments
    process.environment = ["PATH": "/usr/bin:/bin"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// A repository at `folder` with one commit (of its files); its commit.
  static func repository(_ folder: URL) throws -> String? {
    guard try git(["init", "-q"], in: folder) != nil, try git(["add", "-A"], in: folder) != nil,
      try git(["commit", "-q", "--allow-empty", "-m", "first"], in: folder) != nil
    else { return nil }
    return try git(["rev-parse", "HEAD"], in: folder)
  }

  @Test func anExportedGitDirDoesNotNameAnotherRepositorysCommit() throws {
    let dir = try WriteFaultBinaryTests.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let other = dir.appendingPathComponent("other")
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
    let foreign = try #require(try Self.repository(other))
    try "other/\nresults/\n".write(
      to: dir.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
    let mine = try #require(try Self.repository(dir))
    #expect(mine != foreign)
    let root = dir.appendingPathComponent("results")
    for gitDir in [other.appendingPathComponent(".git").path, ".git"] {
      let run = try SweepBinary.run(
        ["run", dir.appendingPathComponent("m.yaml").path, "--results-dir", root.path],
        environment: ["GIT_DIR": gitDir, "GIT_WORK_TREE": other.path], in: other)
      #expect(run.status == 0, "\(run.error)")
      let record = try String(
        contentsOf: root.appendingPathComponent("m/environment.csv"), encoding: .utf8)
      #expect(record.contains("\ngit_commit,\(mine)\n"), "GIT_DIR=\(gitDir): \(record)")
      #expect(record.contains("\ngit_dirty,false\n"), "\(record)")
    }
  }

  /// git installed but not on `PATH`: the record says so, not that git is not installed
  /// (tester BB).
  @Test func gitOffThePathIsSaidSo() throws {
    let dir = try WriteFaultBinaryTests.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "results/\n".write(
      to: dir.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
    _ = try #require(try Self.repository(dir))
    let root = dir.appendingPathComponent("results")
    let run = try SweepBinary.run(
      ["run", dir.appendingPathComponent("m.yaml").path, "--results-dir", root.path],
      environment: ["PATH": dir.appendingPathComponent("nowhere").path])
    #expect(run.status == 0, "\(run.error)")
    let record = try String(
      contentsOf: root.appendingPathComponent("m/environment.csv"), encoding: .utf8)
    #expect(record.contains("\ngit_commit,unknown: git was not found on PATH\n"), "\(record)")
  }
}
