import Foundation
import Testing

/// A gate.csv row naming a missing spec, or `run` for a spec that declares `sweep:` (`sweep`
/// for one that does not), failed its entry at run time, exit 1 as for a regression, unlocated,
/// with a remedy for the spec rather than the manifest (tester BF F8): refused before any entry
/// runs, at `gate.csv:LINE` naming the column to correct, 66 for the missing spec, 65 for the
/// command.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct GateManifestSpecBinaryTests {
  /// `GateRecoveryBinaryTests.recorded`'s project with `row` added to gate.csv as line 3.
  static func project(adding row: String, _ label: String = #function) throws -> (
    root: URL, manifest: URL
  ) {
    let (root, baseline) = try GateRecoveryBinaryTests.recorded(label)
    let manifest = baseline.deletingLastPathComponent().appendingPathComponent("gate.csv")
    let handle = try FileHandle(forWritingTo: manifest)
    handle.seekToEndOfFile()
    handle.write(Data((row + "\n").utf8))
    try handle.close()
    return (root, manifest)
  }

  @Test func aMissingSpecIsRefusedAtItsLineBeforeAnyEntryRuns() throws {
    let (root, manifest) = try Self.project(adding: "x,nonexist.yaml,run,1e-10,1e-7,0.25")
    defer { try? FileManager.default.removeItem(at: root) }
    for extra in [[], ["--record"], ["m"]] {
      let r = try GateRecoveryBinaryTests.gate(root, extra)
      #expect(r.status == 66, "\(extra): \(r.output)\(r.error)")
      #expect(r.output.isEmpty, "\(extra): \(r.output)")
      #expect(
        r.error
          == "error: \(manifest.path):3: spec 'nonexist.yaml' names no file "
          + "(\(root.path)/nonexist.yaml does not exist); correct the spec column (the spec's "
          + "path relative to the project root, the folder holding results/baseline/), or "
          + "remove the line\n", "\(extra)")
    }
  }

  @Test func aCommandThatIsNotTheSpecsIsRefusedAtItsLineNamingTheColumn() throws {
    for (row, reason) in [
      (
        "s,s.yaml,run,1e-10,1e-7,0.25",
        "command 'run' for s.yaml, which declares `sweep:` (the gate runs a sweep with `runner "
          + "sweep`): write sweep in the command column"
      ),
      (
        "m2,m.yaml,sweep,1e-10,1e-7,0.25",
        "command 'sweep' for m.yaml, which has no `sweep:` section (a single run): write run in "
          + "the command column"
      ),
    ] {
      let (root, manifest) = try Self.project(adding: row)
      defer { try? FileManager.default.removeItem(at: root) }
      let r = try GateRecoveryBinaryTests.gate(root)
      #expect(r.status == 65, "\(row): \(r.output)\(r.error)")
      #expect(r.output.isEmpty, "\(row): \(r.output)")
      #expect(r.error == "error: \(manifest.path):3: \(reason)\n", "\(row)")
    }
  }
}
