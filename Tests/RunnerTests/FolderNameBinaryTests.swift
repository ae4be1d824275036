import Foundation
import Pipeline
import Specs
import Testing

/// A `name` of 200 bytes (the most it may have) run with `--set`: `validate` said ok, the run
/// trained, then could not create its staging folder (`File name too long`, exit 73, nothing
/// saved). The `name@overrides` folder is cut to the 200 bytes every folder name may have, so
/// `validate` and the run agree and the run is saved.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct FolderNameBinaryTests {
  @Test func aLongNameWithOverridesRunsAndIsSaved() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let name = String(repeating: "a", count: ExperimentSpec.folderNameLimit)
    let spec = dir.appendingPathComponent("long.yaml")
    try WriteFaultBinaryTests.spec.replacingOccurrences(of: "name: m", with: "name: \(name)")
      .write(to: spec, atomically: true, encoding: .utf8)
    let root = dir.appendingPathComponent("results")
    let arguments = [spec.path, "--set", "optimizer.learning_rate=0.02"]
    let checked = try SweepBinary.run(["validate"] + arguments)
    #expect(checked.status == 0, "\(checked.error)")
    let run = try SweepBinary.run(["run"] + arguments + ["--results-dir", root.path])
    #expect(run.status == 0, "\(run.error)")
    let folders = try FileManager.default.contentsOfDirectory(atPath: root.path)
    #expect(folders.count == 1, "\(folders)")
    let folder = try #require(folders.first)
    #expect(folder.utf8.count <= ExperimentSpec.folderNameLimit)
    #expect(folder.contains("@optimizer.learning_rate=0.02-"), "\(folder)")
    #expect(ResultsFolderKind.of(root.appendingPathComponent(folder)) == .run)
    #expect(run.output.contains("results: \(root.path)/\(folder)/"), "\(run.output)")
  }
}
