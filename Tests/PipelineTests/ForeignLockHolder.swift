import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Another process (`flock(1)`) holding a folder's lock file in place of a run writing the
/// folder, the file recording pid 4242 as a writer's does (or `record`: `4242 brief\n` for a
/// report's): until `release()`, or for `seconds` when given. Made once it holds the lock; stopped when let go of.
final class ForeignLockHolder {
  private let process = Process()
  private let input = Pipe()

  init(_ file: URL, seconds: Int? = nil, record: String = "4242\n") throws {
    try record.write(to: file, atomically: false, encoding: .utf8)
    process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    // `cat` holds it until its input ends; `sleep` for its time (its child keeps the file open).
    process.arguments = ["-x", file.path] + (seconds.map { ["sleep", "\($0)"] } ?? ["cat"])
    process.standardInput = input
    try process.run()
    for _ in 0..<500 {
      let fd = open(file.path, O_RDWR)
      let free = flock(fd, LOCK_EX | LOCK_NB) == 0
      close(fd)
      if !free { break }
      usleep(10_000)
    }
  }

  /// Lets the lock go (its input ends).
  func release() throws { try input.fileHandleForWriting.close() }

  deinit { if process.isRunning { process.terminate() } }
}
