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

  /// `git init` and the first runs before the first commit: git reads the repository, so not
  /// `unknown: ambiguous argument 'HEAD'` with `git_dirty` empty (tester BL): no commit, dirty.
  @Test func aRepositoryWithNoCommitYetSaysSoAndIsDirty() throws {
    let repository = try Self.folder()
    defer { try? FileManager.default.removeItem(at: repository) }
    guard try Self.git(["init", "-q"], in: repository) == 0 else {
      Issue.record("git could not make a repository")
      return
    }
    let fields = GitState.fields(of: repository.path)
    #expect(fields.commit == "none: the repository has no commit yet" && fields.dirty == "true")
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

  /// A spec or data file the run read that is untracked is not in the commit, so "commit X,
  /// clean" could not make the run again (AN1): `git_dirty` is true. A file `.gitignore` names
  /// (DVC's data) and one outside the working tree leave it false.
  @Test func anUntrackedFileTheRunReadMakesItDirty() throws {
    let repository = try Self.folder()
    defer { try? FileManager.default.removeItem(at: repository) }
    let outside = try Self.folder()
    defer { try? FileManager.default.removeItem(at: outside) }
    let file = { (name: String, folder: URL) throws -> String in
      let url = folder.appendingPathComponent(name)
      try "x: 1\n".write(to: url, atomically: true, encoding: .utf8)
      return url.path
    }
    let committed = try file("committed.yaml", repository)
    let ignore = try file(".gitignore", repository)
    try "data/\n".write(toFile: ignore, atomically: true, encoding: .utf8)
    guard try Self.git(["init", "-q"], in: repository) == 0,
      try Self.git(["add", "committed.yaml", ".gitignore"], in: repository) == 0,
      try Self.git(["commit", "-q", "-m", "first"], in: repository) == 0
    else {
      Issue.record("git could not make a repository")
      return
    }
    let data = repository.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    let ignored = try file("train.csv", data)
    let elsewhere = try file("test.csv", outside)
    let clean = GitState.fields(of: repository.path, files: [committed, ignored, elsewhere])
    #expect(clean.commit.count == 40 && clean.dirty == "false")
    let untracked = try file("mine.yaml", repository)
    #expect(GitState.fields(of: repository.path, files: [untracked, ignored]).dirty == "true")
    // An untracked file the run did not read leaves it as it was.
    #expect(GitState.fields(of: repository.path, files: [committed]).dirty == "false")
    // An untracked data file beside a committed spec, in a folder of its own.
    let folder = repository.appendingPathComponent("more")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let extra = try file("extra.csv", folder)
    #expect(GitState.fields(of: repository.path, files: [committed, extra]).dirty == "true")
  }
}
