import Foundation
import Testing

@testable import Pipeline

/// `environment.csv`'s `git_commit` and `git_dirty`: empty outside a repository, the commit in
/// one, and `unknown: <git's reason>` in one git does not read (a colleague's checkout it
/// refuses for its ownership), never the empty "outside a repository".
@Suite struct GitStateTests {
  /// Runs `git arguments` in `directory`; its exit status.
  @discardableResult
  static func git(_ arguments: [String], in directory: URL) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["git", "-C", directory.path, "-c", "user.name=t", "-c", "user.email=t@t"] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }

  static func folder(_ label: String = #function) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-git-\(label.filter(\.isLetter))-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func outsideARepositoryBothAreEmpty() throws {
    let outside = try Self.folder()
    defer { try? FileManager.default.removeItem(at: outside) }
    #expect(!GitState.isInRepository(outside.path))
    let fields = GitState.fields(of: outside.path)
    #expect(fields.commit == "" && fields.dirty == "")
  }

  @Test func aRepositoryGitCannotReadIsUnknownWithGitsReason() throws {
    let broken = try Self.folder()
    defer { try? FileManager.default.removeItem(at: broken) }
    // A worktree's `.git` file naming a repository that is gone.
    try "gitdir: /nonexistent/runner-test\n".write(
      to: broken.appendingPathComponent(".git"), atomically: true, encoding: .utf8)
    let fields = GitState.fields(of: broken.path)
    #expect(fields.commit.hasPrefix("unknown: ") && fields.commit.count > "unknown: ".count)
    #expect(fields.dirty == "")
  }

  @Test func aRepositoryOfAnotherOwnerIsUnknownNotOutside() throws {
    let repository = try Self.folder()
    defer { try? FileManager.default.removeItem(at: repository) }
    guard try Self.git(["init", "-q"], in: repository) == 0,
      try Self.git(["commit", "-q", "--allow-empty", "-m", "first"], in: repository) == 0
    else {
      Issue.record("git could not make a repository")
      return
    }
    let sub = repository.appendingPathComponent("specs")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    let mine = GitState.fields(of: sub.path)
    #expect(mine.commit.count == 40 && mine.dirty == "false")
    // Owned by another user (only root can give it away here), git refuses it.
    guard getuid() == 0 else { return }
    #expect(chown(repository.path, 65534, 65534) == 0)
    #expect(chown(repository.appendingPathComponent(".git").path, 65534, 65534) == 0)
    let other = repository.appendingPathComponent("other")
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
    let refused = GitState.fields(of: other.path)
    #expect(refused.commit.hasPrefix("unknown: detected dubious ownership in repository at"))
    #expect(refused.dirty == "")
  }
}
