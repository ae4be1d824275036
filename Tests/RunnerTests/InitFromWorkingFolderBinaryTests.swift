import Foundation
import Testing

/// A relative `model.init.from` is found from the working folder first, then the spec's
/// folder. When both hold it, the same spec gave other results from another folder with no
/// word (tester R7): `validate` and `run` warn at the key naming both, and `data_files.csv`
/// names the folder used from the spec's folder.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct InitFromWorkingFolderBinaryTests {
  @Test func aStartInBothFoldersIsWarnedAndRecordedByWhereItWasFound() throws {
    let dir = try InitFromParityBinaryTests.project(InitFromParityBinaryTests.mlp)
    let fm = FileManager.default
    let (sub, elsewhere) = (dir.appendingPathComponent("sub"), dir.appendingPathComponent("cwdA"))
    for folder in [sub, elsewhere] {
      try fm.createDirectory(at: folder, withIntermediateDirectories: true)
      try fm.copyItem(
        at: dir.appendingPathComponent("results/src"), to: folder.appendingPathComponent("pre"))
    }
    try fm.copyItem(
      at: dir.appendingPathComponent("points.csv"), to: sub.appendingPathComponent("points.csv"))
    let warm = InitFromParityBinaryTests.mlp.replacingOccurrences(
      of: "  type: mlp\n", with: "  type: mlp\n  init: {from: pre}\n")
    let spec = sub.appendingPathComponent("warm.yaml")
    try warm.write(to: spec, atomically: true, encoding: .utf8)
    let environment = ValidateDataTests.environment(dir)
    let said =
      "model.init.from 'pre' is in the working folder (\(elsewhere.path)/pre) and in the spec's "
      + "folder (\(sub.path)/pre): the working folder's is used"

    let validate = try SweepBinary.run(
      ["validate", spec.path], environment: environment, in: elsewhere)
    #expect(validate.status == 0, "\(validate.error)")
    #expect(validate.error.contains("\(spec.path):7:16: warning: \(said)"), "\(validate.error)")
    #expect(validate.error.contains("write an absolute path"), "\(validate.error)")
    #expect(validate.output.contains("1 warning"), "\(validate.output)")

    // Run from the other folder, from the spec's folder, and from a folder without `pre`.
    var files: [String: [String]] = [:]
    for (label, folder) in [("other", elsewhere), ("spec", sub), ("none", dir)] {
      let results = dir.appendingPathComponent("out-\(label)")
      let run = try SweepBinary.run(
        ["run", spec.path, "--results-dir", results.path], environment: environment, in: folder)
      #expect(run.status == 0, "\(label): \(run.error)")
      #expect(run.error.contains(said) == (label == "other"), "\(label): \(run.error)")
      let table = try String(
        contentsOf: results.appendingPathComponent("warm/data_files.csv"), encoding: .utf8)
      files[label] = table.split(separator: "\n").filter { $0.hasPrefix("model.init.from,") }
        .map { String($0.split(separator: ",")[1]) }
    }
    #expect(files["other"]?.first == "../cwdA/pre/params/layer1_weights.npy", "\(files)")
    #expect(files["spec"]?.first == "pre/params/layer1_weights.npy", "\(files)")
    #expect(files["none"] == files["spec"], "\(files)")
    // Under --strict the warning refuses the run before anything is written.
    let strict = try SweepBinary.run(
      ["run", spec.path, "--strict", "--results-dir", dir.appendingPathComponent("strict").path],
      environment: environment, in: elsewhere)
    #expect(strict.status == 65, "\(strict.error)")
    #expect(!fm.fileExists(atPath: dir.appendingPathComponent("strict/warm").path))
  }
}
