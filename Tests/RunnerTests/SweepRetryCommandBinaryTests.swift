import Foundation
import Testing

/// Tester finding m9: the advice after failed trials named `--retry-failed` but gave no
/// command to paste. It gives the sweep's own command (its spec, `--set`s, `--results-dir` and
/// other options as typed, shell-quoted) with `--retry-failed`, and that command, pasted into a
/// shell, runs the failed trial again in the same folder.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct SweepRetryCommandBinaryTests {
  /// How `line` ended, run by `/bin/sh` in `directory` with `bin` first on PATH.
  static func shell(_ line: String, in directory: URL, bin: URL) throws -> (
    status: Int32, output: String, error: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", line]
    process.currentDirectoryURL = directory
    let inherited = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    var environment = [
      "PATH": bin.path + ":" + inherited, "NO_COLOR": "1",
      "LLVM_PROFILE_FILE": SweepBinary.profileFile(sizeLimited: false),
    ]
    for name in ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "RUNNER_BLAS_KERNEL_APPLIED"] {
      environment[name] = ProcessInfo.processInfo.environment[name]
    }
    process.environment = environment
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: output, as: UTF8.self),
      String(decoding: error, as: UTF8.self)
    )
  }

  /// The text between the backquotes after `marker` in `text`.
  static func command(after marker: String, in text: String) throws -> String {
    let start = try #require(text.range(of: marker + "`"), "\(text)").upperBound
    let end = try #require(text[start...].firstIndex(of: "`"), "\(text)")
    return String(text[start..<end])
  }

  @Test func theFailedTrialsAdviceIsACommandThatRunsThemAgain() throws {
    let root = try InvocationBinaryTests.layout()
    defer { try? FileManager.default.removeItem(at: root) }
    let bin = root.appendingPathComponent("bin")
    let spec = root.appendingPathComponent("my spec.yaml")
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: SweepBinary.fixture("diverging.yaml")), to: spec)
    let typed =
      "runner sweep 'my spec.yaml' --set record_every=40 --results-dir 'my results' --jobs 1"
    let first = try Self.shell(typed, in: root, bin: bin)
    #expect(first.status == 1, "\(first.output)\(first.error)")
    let retry = try Self.command(after: "run the failed trials again: ", in: first.output)
    #expect(
      retry
        == "runner sweep 'my spec.yaml' --set record_every=40 --results-dir 'my results' "
        + "--jobs 1 --retry-failed")
    // Run again without it, the plan line and the result name the same command.
    let again = try Self.shell(typed, in: root, bin: bin)
    #expect(again.status == 1, "\(again.output)\(again.error)")
    #expect(again.error.contains("1 failed before (`\(retry)` runs them again)"), "\(again.error)")
    #expect(
      again.output.contains("1 trial failed in an earlier run and was not run again"),
      "\(again.output)")
    #expect(again.output.contains("run the failed trials again: `\(retry)`"), "\(again.output)")
    // Pasted, it runs the failed trial again, in the same folder (it diverges again).
    let pasted = try Self.shell(retry, in: root, bin: bin)
    #expect(pasted.status == 1, "\(pasted.output)\(pasted.error)")
    #expect(
      pasted.output.hasPrefix("ran 1 trial (0 ok, 1 failed), skipped 2 already complete"),
      "\(pasted.output)")
    let folders = try FileManager.default.contentsOfDirectory(
      atPath: root.appendingPathComponent("my results").path)
    #expect(folders == ["sweep-diverging@record_every=40"], "\(folders)")
  }

  /// `retry_command` of `--json`'s object in `output`, nil when null or missing.
  static func retryField(_ output: String) throws -> String? {
    let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
    let json = try #require(object, "\(output)")
    #expect(json.keys.contains("retry_command"), "\(output)")
    return json["retry_command"] as? String
  }

  @Test func jsonGivesTheRetryCommandTheTextPrints() throws {
    let root = try InvocationBinaryTests.layout()
    defer { try? FileManager.default.removeItem(at: root) }
    let bin = root.appendingPathComponent("bin")
    let spec = root.appendingPathComponent("my spec.yaml")
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: SweepBinary.fixture("diverging.yaml")), to: spec)
    let typed = "runner sweep 'my spec.yaml' --results-dir 'my results' --jobs 1 --json"
    let retry = "runner sweep 'my spec.yaml' --results-dir 'my results' --jobs 1 --retry-failed"
    // A trial failing now, then one that failed before (not run again).
    for _ in 0..<2 {
      let r = try Self.shell(typed, in: root, bin: bin)
      #expect(r.status == 1, "\(r.output)\(r.error)")
      #expect(try Self.retryField(r.output) == retry)
    }
    // No failed trial: null.
    let text = try String(contentsOf: spec, encoding: .utf8)
    try text.replacingOccurrences(of: "0.005, 5.0]", with: "0.005]").write(
      to: root.appendingPathComponent("fine.yaml"), atomically: true, encoding: .utf8)
    let fine = try Self.shell(
      "runner sweep fine.yaml --results-dir ok --json", in: root, bin: bin)
    #expect(fine.status == 0, "\(fine.output)\(fine.error)")
    #expect(try Self.retryField(fine.output) == nil)
  }
}
