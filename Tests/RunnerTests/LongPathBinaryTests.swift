import Foundation
import Testing

/// A spec in a folder whose absolute path is longer than PATH_MAX (4096 bytes): every command
/// spun forever walking up from a folder it could not make absolute (`getcwd` fails there, so
/// going up a relative path added `../` without end). It is refused at once, exit 66, saying
/// why and what to do.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct LongPathBinaryTests {
  /// Runs `script` in `/bin/sh` with the runner as `$0`; returns its standard output and error.
  static func shell(_ script: String, in directory: URL) throws -> (out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script, try #require(SweepBinary.executable).path]
    process.currentDirectoryURL = directory
    process.environment = [
      "PATH": "/usr/bin:/bin", "NO_COLOR": "1",
      "LLVM_PROFILE_FILE": SweepBinary.profileFile(sizeLimited: false),
    ]
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    try process.run()
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    group.wait()
    return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
  }

  @Test func aSpecPastPathMaxIsRefusedNotWalkedForever() throws {
    let dir = SweepBinary.temporaryDirectory()
    // `rm -rf` removes a tree deeper than PATH_MAX; Foundation may not.
    defer { _ = try? Self.shell("rm -rf deep", in: dir) }
    let spec = WriteFaultBinaryTests.spec
    // 21 folders of 200 bytes, made one at a time (no path that long can be given at once).
    let script = """
      d=$(printf 'd%.0s' $(seq 200)); mkdir deep && cd deep || exit 1
      i=0; while [ $i -lt 21 ]; do mkdir $d && cd -P $d || exit 1; i=$((i+1)); done
      printf '%s' '\(spec)' > m.yaml
      for command in validate run explain; do
        timeout 60 "$0" $command m.yaml; echo "$command $?"
      done
      cd -P .. && timeout 60 "$0" validate $d/m.yaml; echo "validate below $?"
      """
    let r = try Self.shell(script, in: dir)
    #expect(r.out == "validate 66\nrun 66\nexplain 66\nvalidate below 66\n", "\(r.err)")
    let reason =
      "its folder's absolute path is longer than the system allows (4096 bytes), so neither "
      + "its data nor runner.yaml nor the results folder can be found; move it to a shorter path"
    let lines = r.err.split(separator: "\n")
    #expect(lines.count == 4, "\(r.err)")
    for line in lines {
      #expect(line.hasPrefix("error: cannot read spec '") && line.hasSuffix(reason), "\(line)")
    }
  }
}
