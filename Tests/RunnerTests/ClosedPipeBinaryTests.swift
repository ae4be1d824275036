import Foundation
import Pipeline
import Testing

/// Standard streams into a pipe whose reader is gone (`runner run x.yaml 2>&1 | head -3`): the
/// runner ignores SIGPIPE, so progress that cannot be written is let go and the run or sweep
/// completes and commits its results, leaving no lock; an output whose reader is gone ends
/// the command quietly with exit 141 (as SIGPIPE ends a tool) once the results are saved. (It died of SIGPIPE at the next
/// progress line: nothing saved, the lock file left.)
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ClosedPipeBinaryTests {
  /// Runs `runner arguments` started as from a shell (SIGPIPE at its default) with standard
  /// error, standard output or both into a pipe whose reading end is closed before it starts;
  /// returns the exit status (nil when a signal ended it) and what reached the other stream.
  static func withReaderGone(_ arguments: [String], stdout: Bool, stderr: Bool) throws -> (
    status: Int32?, text: String
  ) {
    let executable = try #require(SweepBinary.executable)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["--default-signal=PIPE", executable.path] + arguments
    process.environment = [
      "PATH": "/usr/bin:/bin", "NO_COLOR": "1",
      "LLVM_PROFILE_FILE": SweepBinary.profileFile(sizeLimited: false),
    ]
    let gone = Pipe()
    try gone.fileHandleForReading.close()
    let open = Pipe()
    process.standardOutput = stdout ? gone : open
    process.standardError = stderr ? gone : open
    try process.run()
    try gone.fileHandleForWriting.close()
    try open.fileHandleForWriting.close()
    let text = String(decoding: open.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationReason == .exit ? process.terminationStatus : nil, text)
  }

  /// The hidden entries of `folder` and of the folders in it (locks, staging folders), the
  /// record of what the runner wrote (`WrittenRecord`) aside.
  static func hidden(in folder: URL) -> [String] {
    let fm = FileManager.default
    let names = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.flatMap { name in
      let inner = (try? fm.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path))
      return [name] + (inner ?? []).map { "\(name)/\($0)" }
    }.filter { $0.split(separator: "/").contains { $0.hasPrefix(".") && $0 != WrittenRecord.name } }
  }

  #if os(Linux)
    @Test func aRunWhoseLogReaderIsGoneCompletesAndCommits() throws {
      let dir = try WriteFaultBinaryTests.project()
      defer { try? FileManager.default.removeItem(at: dir) }
      let root = dir.appendingPathComponent("results")
      let run = ["run", dir.appendingPathComponent("m.yaml").path, "--results-dir", root.path]
      // Progress only: let go, the run completes (exit 0) and prints its table.
      let quiet = try Self.withReaderGone(run, stdout: false, stderr: true)
      #expect(quiet.status == 0)
      #expect(quiet.text.contains("results: "), "\(quiet.text)")
      let folder = root.appendingPathComponent("m")
      #expect(ResultsFolderKind.of(folder) == .run)
      #expect(Self.hidden(in: root).isEmpty, "\(Self.hidden(in: root))")
      // The table too: the results are committed first, then the command ends, 141.
      let again = run + ["--set", "seed=3"]
      #expect(try Self.withReaderGone(again, stdout: true, stderr: true).status == 141)
      #expect(ResultsFolderKind.of(root.appendingPathComponent("m@seed=3")) == .run)
      #expect(Self.hidden(in: root).isEmpty, "\(Self.hidden(in: root))")
      // A reader that stopped reading on purpose (`| head -1`) gets no error line: 141 quietly.
      let listing = try Self.withReaderGone(["ls", root.path], stdout: true, stderr: false)
      #expect(listing.status == 141)
      #expect(listing.text == "")
    }

    /// `runner validate x.yaml | head -0` (tester AD5): the same quiet 141 as `run | head`,
    /// not the 73 of a results folder that cannot be written; nothing on standard error.
    @Test func validateWhoseOutputReaderIsGoneEndsAsRunDoes() throws {
      let dir = try WriteFaultBinaryTests.project()
      defer { try? FileManager.default.removeItem(at: dir) }
      let spec = dir.appendingPathComponent("m.yaml").path
      let alone = try Self.withReaderGone(["validate", spec], stdout: false, stderr: false)
      #expect(alone.status == 0, "\(alone.text)")
      let gone = try Self.withReaderGone(["validate", spec], stdout: true, stderr: false)
      #expect(gone.status == 141)
      #expect(gone.text == "")
    }

    @Test func aSweepWhoseLogReaderIsGoneRunsEveryTrial() throws {
      let dir = try WriteFaultBinaryTests.project()
      defer { try? FileManager.default.removeItem(at: dir) }
      let root = dir.appendingPathComponent("results")
      let sweep = [
        "sweep", dir.appendingPathComponent("s.yaml").path, "--results-dir", root.path,
        "--jobs", "1",
      ]
      #expect(try Self.withReaderGone(sweep, stdout: true, stderr: true).status == 141)
      let folder = root.appendingPathComponent("s")
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      let trials = names.filter {
        ResultsFolderKind.of(folder.appendingPathComponent($0)) == .run
      }
      #expect(trials.count == 3, "\(trials)")
      #expect(ResultsFolderKind.of(folder) == .sweep)
      #expect(Self.hidden(in: root).isEmpty, "\(Self.hidden(in: root))")
    }

    // Started with standard output closed (`runner explain m.yaml >&-`), the runtime took
    // descriptor 1 for an eventfd and the output was written into it: "cannot write the output
    // (standard output): Invalid argument" (tester AZ F3). The stream is held on /dev/null,
    // and the error says it was closed.
    @Test func anOutputClosedAtTheStartIsSaidSo() throws {
      let dir = try WriteFaultBinaryTests.project()
      defer { try? FileManager.default.removeItem(at: dir) }
      let executable = try #require(SweepBinary.executable)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = [
        "-c", "exec \"$0\" \"$@\" >&-", executable.path, "explain",
        dir.appendingPathComponent("m.yaml").path,
      ]
      process.environment = [
        "PATH": "/usr/bin:/bin", "NO_COLOR": "1",
        "LLVM_PROFILE_FILE": SweepBinary.profileFile(sizeLimited: false),
      ]
      let error = Pipe()
      process.standardError = error
      try process.run()
      let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 73)
      #expect(
        text
          == "error: cannot write the output (standard output): it was closed when the runner "
          + "started (Bad file descriptor)\n")
    }
  #endif
}
