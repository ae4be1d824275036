import Foundation
import Testing

/// A path whose bytes are not valid UTF-8 (a Latin-1 `caf\xE9`) was decoded with U+FFFD in
/// place of the bad bytes: results went to another folder, `ls` listed another one, and a spec
/// file that exists was "no such file; did you mean" itself (tester R14). The runner refuses
/// such an argument, working folder or path variable by its bytes, naming it, with exit 64,
/// before anything is written.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct NotUTF8PathBinaryTests {
  /// `sh -c script` in `dir` with the runner as `$0`; the script builds the bytes with printf.
  static func shell(_ script: String, in dir: URL, environment: [String: String] = [:]) throws
    -> SweepBinary.Result
  {
    let runner = try #require(SweepBinary.executable)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script, runner.path]
    process.currentDirectoryURL = dir
    process.environment = ValidateDataTests.environment(dir).merging(environment) { $1 }
      .merging(["PATH": "/usr/bin:/bin", "NO_COLOR": "1"]) { $1 }
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return SweepBinary.Result(
      status: process.terminationStatus, killed: false,
      output: String(decoding: output, as: UTF8.self),
      error: String(decoding: error, as: UTF8.self))
  }

  /// The names in `dir`, as bytes.
  static func entries(_ dir: URL) throws -> Set<[UInt8]> {
    let listing = try shell("ls -A", in: dir)
    return Set(listing.output.utf8.split(separator: UInt8(ascii: "\n")).map { Array($0) })
  }

  @Test func aNotUTF8SpecOrResultsFolderIsRefusedNamingTheArgument() throws {
    let dir = try ValidateDataTests.project(
      ValidateDataTests.fitting(split: "{train: 0.75, dev: 0.25}"))
    _ = try Self.shell(#"cp spec.yaml "$(printf 'sp\351c.yaml')""#, in: dir)
    let before = try Self.entries(dir)
    let spec = try Self.shell(#"exec "$0" validate "$(printf 'sp\351c.yaml')""#, in: dir)
    #expect(spec.status == 64, "\(spec.error)")
    #expect(
      spec.error.hasPrefix(
        #"error: argument 2, 'sp\xE9c.yaml', is not valid UTF-8: the runner reads paths"#),
      "\(spec.error)")
    #expect(!spec.error.contains("did you mean"), "\(spec.error)")
    for script in [
      #"exec "$0" run spec.yaml --results-dir "$(printf 'lat\351in')""#,
      #"exec "$0" run spec.yaml --results-dir="$(printf 'lat\351in')""#,
    ] {
      let run = try Self.shell(script, in: dir)
      #expect(run.status == 64, "\(run.error)")
      #expect(
        run.error.hasPrefix(#"error: the value of --results-dir, 'lat\xE9in', is not valid UTF-8"#),
        "\(run.error)")
      #expect(run.error.contains("help: rename it to a UTF-8 name"), "\(run.error)")
    }
    // Nothing written: no results folder under either name.
    #expect(try Self.entries(dir) == before)
  }

  @Test func aNotUTF8WorkingFolderOrDataPathIsRefused() throws {
    let dir = try ValidateDataTests.project(
      ValidateDataTests.fitting(split: "{train: 0.75, dev: 0.25}"))
    let latin = try Self.shell(
      #"mkdir "$(printf 'caf\351')" && cd "$(printf 'caf\351')" && exec "$0" run ../spec.yaml"#,
      in: dir)
    #expect(latin.status == 64, "\(latin.error)")
    #expect(latin.error.contains(#"error: the working folder '"#), "\(latin.error)")
    #expect(latin.error.contains(#"/caf\xE9' is not valid UTF-8"#), "\(latin.error)")
    let variable = try Self.shell(
      #"RUNNER_DATA_PATH="$(printf '/data/caf\351')" exec "$0" validate spec.yaml"#, in: dir)
    #expect(variable.status == 64, "\(variable.error)")
    #expect(
      variable.error.hasPrefix(
        #"error: the environment variable RUNNER_DATA_PATH='/data/caf\xE9' is not valid UTF-8"#),
      "\(variable.error)")
    // A --set value is text, not a path: no advice to rename a file.
    let set = try Self.shell(
      #"exec "$0" validate spec.yaml --set "$(printf 'name=n\351')""#, in: dir)
    #expect(set.status == 64, "\(set.error)")
    #expect(
      set.error.hasPrefix(#"error: the value of --set, 'name=n\xE9', is not valid UTF-8"#),
      "\(set.error)")
    #expect(!set.error.contains("rename"), "\(set.error)")
    // A variable's value is refused by its parser, showing its bytes as the refusals above do.
    for (name, value) in [("RUNNER_MEMORY_LIMIT", "4\\351G"), ("RUNNER_BLAS_KERNEL", "r\\351p")] {
      let refused = try Self.shell(
        #"\#(name)="$(printf '\#(value)')" exec "$0" validate spec.yaml"#, in: dir)
      #expect(refused.status == 64, "\(name): \(refused.error)")
      #expect(
        refused.error.contains(#"\xE9"#) && !refused.error.contains("\u{FFFD}"),
        "\(name): \(refused.error)")
    }
    // UTF-8 names outside ASCII are paths like any other.
    let utf8 = try Self.shell(#"exec "$0" validate spec.yaml --results-dir 'café'"#, in: dir)
    #expect(utf8.status == 0, "\(utf8.error)")
  }
}
