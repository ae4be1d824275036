import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The commit of the git repository holding a folder, and whether its tracked files have
/// uncommitted changes (as MLflow records `source.git.commit`).
struct GitState: Sendable, Equatable {
  var commit: String
  var dirty: Bool

  /// The state of the repository containing `directory`; nil outside a repository or without
  /// git. Asked once per directory and process.
  static func of(directory: String) -> GitState? {
    if let known = cache.withLock({ $0[directory] }) { return known }
    var state: GitState?
    if let commit = run(["rev-parse", "HEAD"], in: directory), !commit.isEmpty {
      let changes = run(["status", "--porcelain", "--untracked-files=no"], in: directory)
      state = GitState(commit: commit, dirty: !(changes ?? "").isEmpty)
    }
    cache.withLock { $0[directory] = .some(state) }
    return state
  }

  private static let cache = Mutex<[String: GitState?]>([:])

  /// `git -C directory arguments`'s trimmed standard output, nil when git fails or is missing.
  /// Spawned with `posix_spawnp` and reaped with `waitpid`: Foundation's `Process` waits through
  /// a loopback socket and hangs where there is none (a network namespace cut with `unshare -n`).
  #if canImport(Glibc)
    private static func run(_ arguments: [String], in directory: String) -> String? {
      var fds: [Int32] = [0, 0]
      guard pipe(&fds) == 0 else { return nil }
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_addclose(&actions, fds[0])
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
      posix_spawn_file_actions_addclose(&actions, fds[1])
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
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
      let spawned = posix_spawnp(&pid, "git", &actions, &attributes, argv, environ)
      close(fds[1])
      let output = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
      guard spawned == 0 else { return nil }
      let data = output.readDataToEndOfFile()
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      guard status == 0 else { return nil }  // exited with status 0
      return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
  #else
    /// `git -C directory arguments`'s trimmed standard output, nil when git fails or is missing.
    private static func run(_ arguments: [String], in directory: String) -> String? {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["git", "-C", directory] + arguments
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      process.standardInput = FileHandle.nullDevice
      do { try process.run() } catch { return nil }
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else { return nil }
      return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
  #endif
}
