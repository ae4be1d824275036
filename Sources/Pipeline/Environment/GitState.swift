import Foundation
import Synchronization

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
}
