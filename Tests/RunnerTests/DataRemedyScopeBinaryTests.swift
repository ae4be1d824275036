import Foundation
import Testing

/// The advice to get a good copy of a named dataset's file is given only where it is true: not
/// for a copy whose SHA-256 is the catalog's (the spec is what is wrong), and not for the user's
/// own file that merely shares a catalog file's bare name (`iris.csv`).
@Suite struct DataRemedyScopeBinaryTests {
  static let sharedCat = SweepBinary.root.appendingPathComponent(
    "../shared/datasets/catvnoncat/train_catvnoncat.h5"
  ).standardizedFileURL.path

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: sharedCat), "needs ../shared's cat files"))
  func aGoodCopyReadWrongGetsNoRemedy() throws {
    let data = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: data) }
    let (spec, root, environment) = try DataRemedyBinaryTests.catProject(dataPath: data.path)
    defer { try? FileManager.default.removeItem(at: root) }
    let copy = data.appendingPathComponent("catvnoncat/train_catvnoncat.h5")
    try FileManager.default.createDirectory(
      at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Self.sharedCat, toPath: copy.path)
    // The strings array as the features: the spec's mistake, not the file's.
    let r = try SweepBinary.run(
      ["validate", spec, "--set", "dataset.train.features=list_classes"],
      environment: environment, in: root)
    #expect(r.status == 65, "\(r.error)")
    #expect(r.error.contains("list_classes"), "\(r.error)")
    #expect(!r.error.contains("damaged"), "\(r.error)")
    #expect(!r.error.contains("runner data fetch"), "\(r.error)")
  }

  @Test func theUsersOwnFileWithACatalogFilesBareNameGetsNoRemedy() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "a,b,target\n1,2,0\n3,1\n".write(
      to: dir.appendingPathComponent("iris.csv"), atomically: true, encoding: .utf8)
    try "dataset: {file: iris.csv, target: target}\nmodel: {type: logreg}\n".write(
      to: dir.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
    let r = try SweepBinary.run(
      ["validate", "mine.yaml"], environment: ["RUNNER_DATA_PATH": dir.path], in: dir)
    #expect(r.status == 65, "\(r.error)")
    #expect(r.error.contains("iris.csv (line 3): expected 3 fields like the header"), "\(r.error)")
    #expect(!r.error.contains("a file of dataset"), "\(r.error)")
    #expect(!r.error.contains("note:"), "\(r.error)")
  }
}
