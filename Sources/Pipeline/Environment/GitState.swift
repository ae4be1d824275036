import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The commit of the git repository holding a folder, and whether it re-makes the run: not
/// when its tracked files have uncommitted changes (as MLflow records `source.git.commit`), nor
/// when a file the run read inside its working tree (the spec, a data file) is untracked, so not
/// in the commit (DVC refuses to track an output of an untracked dependency); or why the commit
/// is unknown.
struct GitState: Sendable, Equatable {
  /// The commit, `unknown: <why>` when the folder is in a repository git does not read, or
  /// `noCommitYet`.
  var commit: String
  /// Nil when the commit is unknown.
  var dirty: Bool?

  /// `environment.csv`'s `git_commit` and `git_dirty` for `directory`, the files the run read
  /// being `files`: both empty outside a repository (no `.git` in it or a folder above),
  /// `unknown: <git's reason>` and empty when git cannot read the repository (a colleague's
  /// checkout git refuses for its "dubious ownership", no git installed), `noCommitYet` and
  /// `true` in one with no commit yet.
  static func fields(of directory: String, files: [String] = []) -> (commit: String, dirty: String)
  {
    guard let state = of(directory: directory, files: files) else { return ("", "") }
    return (state.commit, state.dirty.map { $0 ? "true" : "false" } ?? "")
  }

  /// The state of the repository containing `directory`, `files` (absolute paths) the run read;
  /// nil outside a repository. Asked once per directory, files and process.
  static func of(directory: String, files: [String] = []) -> GitState? {
    let key = ([directory] + files).joined(separator: "\n")
    if let known = cache.withLock({ $0[key] }) { return known }
    var state: GitState?
    let head = run(["rev-parse", "HEAD"], in: directory)
    if let head, head.status == 0, !head.output.isEmpty {
      let changes = run(["status", "--porcelain", "--untracked-files=no"], in: directory)
      let dirty = !(changes?.output ?? "").isEmpty || hasUntracked(files, in: directory)
      state = GitState(commit: head.output, dirty: dirty)
    } else if let head, head.status != 0, isUnborn(directory) {
      // `git init` and no commit yet: git reads the repository, nothing in it is committed.
      state = GitState(commit: noCommitYet, dirty: true)
    } else if isInRepository(directory) {
      // Not read past git's refusal (`-c safe.directory`): a repository's own configuration
      // (`core.fsmonitor`) would then run its owner's commands as this user.
      let reason =
        head.map { $0.error.split(separator: "\n").first.map(String.init) ?? "" }
        ?? "git was not found on PATH"
      let cleaned = reason.hasPrefix("fatal: ") ? String(reason.dropFirst(7)) : reason
      state = GitState(
        commit: "unknown: " + (cleaned.isEmpty ? "git could not read the repository" : cleaned),
        dirty: nil)
    }
    cache.withLock { $0[key] = .some(state) }
    return state
  }

  /// `git_commit` in a repository git reads whose branch has no commit yet (`git init`, then
  /// the first runs): no commit can make the run again, so `git_dirty` is true.
  static let noCommitYet = "none: the repository has no commit yet"

  /// Whether git reads the repository holding `directory` but its `HEAD` names no commit.
  private static func isUnborn(_ directory: String) -> Bool {
    guard let gitDir = run(["rev-parse", "--git-dir"], in: directory), gitDir.status == 0
    else { return false }
    return run(["rev-parse", "--verify", "--quiet", "HEAD"], in: directory)?.status != 0
  }

  /// Whether one of `files` inside the working tree of the repository holding `directory` is
  /// untracked (`??`: a file `.gitignore` names, as DVC's data, is not: the repository keeps it
  /// out on purpose). Files outside the working tree (a dataset the runner downloaded, another
  /// repository's) are not asked about.
  private static func hasUntracked(_ files: [String], in directory: String) -> Bool {
    guard !files.isEmpty,
      let top = run(["rev-parse", "--show-toplevel"], in: directory), top.status == 0
    else { return false }
    let root = real(top.output)
    let inside = files.map(real).filter { $0.hasPrefix(root + "/") }
    guard !inside.isEmpty,
      let status = run(
        ["--literal-pathspecs", "status", "--porcelain", "--untracked-files=all", "--"] + inside,
        in: directory)
    else { return false }
    return status.output.split(separator: "\n").contains { $0.hasPrefix("??") }
  }

  /// `path` with its symbolic links resolved, so that it compares with git's top level.
  private static func real(_ path: String) -> String {
    URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  }

  /// Whether `directory` or a folder above it holds `.git` (a folder, or a worktree's file).
  static func isInRepository(_ directory: String) -> Bool {
    var folder = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
    while true {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
        return true
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { return false }
      folder = parent
    }
  }

  private static let cache = Mutex<[String: GitState?]>([:])

  /// `git -C directory arguments`'s exit status and trimmed standard output and error, nil
  /// when git is missing. Spawned with `posix_spawnp` and reaped with `waitpid`: Foundation's
  /// `Process` waits through a loopback socket and hangs where there is none (a network
  /// namespace cut with `unshare -n`).
  #if canImport(Glibc)
    private static func run(_ arguments: [String], in directory: String) -> Output? {
      var fds: [Int32] = [0, 0]
      var errors: [Int32] = [0, 0]
      guard pipe(&fds) == 0 else { return nil }
      guard pipe(&errors) == 0 else {
        close(fds[0])
        close(fds[1])
        return nil
      }
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_addclose(&actions, fds[0])
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
      posix_spawn_file_actions_addclose(&actions, fds[1])
      posix_spawn_file_actions_addclose(&actions, errors[0])
      posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
      posix_spawn_file_actions_addclose(&actions, errors[1])
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
      let argv = (["git", "-C", directory] + arguments).map { strdup($0) } + [nil]
      defer { for pointer in argv { free(pointer) } }
      // SIGPIPE back at its default in git: the runner ignores it (`Runner.main`), and an
      // ignored signal is inherited.
      var attributes = posix_spawnattr_t()
      posix_spawnattr_init(&attributes)
      defer { posix_spawnattr_destroy(&attributes) }
      var defaults = sigset_t()
      sigemptyset(&defaults)
      sigaddset(&defaults, SIGPIPE)
      posix_spawnattr_setsigdefault(&attributes, &defaults)
      posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
      var pid: pid_t = 0
      let environment = repositoryNeutralEnvironment().map { strdup($0) } + [nil]
      defer { for pointer in environment { free(pointer) } }
      let spawned = posix_spawnp(&pid, "git", &actions, &attributes, argv, environment)
      close(fds[1])
      close(errors[1])
      let output = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
      let error = FileHandle(fileDescriptor: errors[0], closeOnDealloc: true)
      guard spawned == 0 else { return nil }
      // git's error is a line or two: read after the output, the pipe's buffer holds it.
      let data = output.readDataToEndOfFile()
      let said = error.readDataToEndOfFile()
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      return Output(status: status, output: text(data), error: text(said))
    }
  #else
    /// `git -C directory arguments`'s exit status and trimmed standard output and error, nil
    /// when git is missing.
    private static func run(_ arguments: [String], in directory: String) -> Output? {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["git", "-C", directory] + arguments
      process.environment = ProcessInfo.processInfo.environment.filter {
        !repositoryVariables.contains($0.key)
      }
      let (output, error) = (Pipe(), Pipe())
      process.standardOutput = output
      process.standardError = error
      process.standardInput = FileHandle.nullDevice
      do { try process.run() } catch { return nil }
      let data = output.fileHandleForReading.readDataToEndOfFile()
      let said = error.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return Output(status: process.terminationStatus, output: text(data), error: text(said))
    }
  #endif

  /// The variables that point git at a repository other than the one holding the folder it
  /// runs in (`git rev-parse --local-env-vars`, less the `-c` settings): a `GIT_DIR` exported by
  /// a hook or a shell would record another repository's commit as the spec's. Git clears
  /// the same ones before it runs in a submodule.
  static let repositoryVariables: Set<String> = [
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_OBJECT_DIRECTORY", "GIT_DIR",
    "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE", "GIT_INDEX_FILE",
    "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX", "GIT_INTERNAL_SUPER_PREFIX",
    "GIT_SHALLOW_FILE", "GIT_COMMON_DIR",
  ]

  /// This process's environment (`NAME=value` entries) without `repositoryVariables`.
  static func repositoryNeutralEnvironment() -> [String] {
    ProcessInfo.processInfo.environment
      .filter { !repositoryVariables.contains($0.key) }
      .map { "\($0.key)=\($0.value)" }.sorted()
  }

  /// What a git command gave: its exit status (0: success) and trimmed output and error.
  private struct Output {
    var status: Int32
    var output: String
    var error: String
  }

  private static func text(_ data: Data) -> String {
    String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
