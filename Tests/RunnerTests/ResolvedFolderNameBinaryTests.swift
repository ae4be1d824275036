import Foundation
import Pipeline
import Testing

/// A run's folder comes from the spec its overrides resolve to (tester AB9): `--set` of the
/// spec's own value runs into the spec's folder, and one value written two ways (`0.020`,
/// `2e-2`) into one folder, with results byte-identical to a run named as before.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ResolvedFolderNameBinaryTests {
  /// The visible entries of `folder`, sorted.
  static func visible(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
      .sorted()
  }

  @Test func equalResolvedSpecsLandInOneFolder() throws {
    let dir = try WriteFaultBinaryTests.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("m.yaml").path
    let results = dir.appendingPathComponent("results")
    func run(_ overrides: [String]) throws -> SweepBinary.Result {
      let r = try SweepBinary.run(
        ["run", spec, "--results-dir", results.path] + overrides.flatMap { ["--set", $0] })
      #expect(r.status == 0, "\(r.error)")
      return r
    }
    _ = try run([])
    let own = results.appendingPathComponent("m")
    let first = SweepBinary.contents(of: own)
    // The spec's own value (0.01), written another way: the spec's folder, replaced in place.
    let same = try run(["optimizer.learning_rate=0.010"])
    #expect(same.output.contains("results: \(own.path)/"), "\(same.output)")
    #expect(SweepBinary.contents(of: own) == first)
    #expect(try Self.visible(results) == ["m"])
    // One other value written two ways: one folder, named by the resolved value.
    let variant = results.appendingPathComponent("m@optimizer.learning_rate=0.02")
    for written in ["0.020", "2e-2"] {
      let r = try run(["optimizer.learning_rate=\(written)", "optimizer.epochs=20"])
      #expect(r.output.contains("results: \(variant.path)/"), "\(written): \(r.output)")
    }
    #expect(try Self.visible(results) == ["m", "m@optimizer.learning_rate=0.02"])
    // The variant's results are those of the value named as before the change (`=0.02`).
    let named = dir.appendingPathComponent("named")
    let r = try SweepBinary.run(
      ["run", spec, "--results-dir", named.path, "--set", "optimizer.learning_rate=0.02"])
    #expect(r.status == 0, "\(r.error)")
    #expect(
      SweepBinary.contents(of: named.appendingPathComponent("m@optimizer.learning_rate=0.02"))
        == SweepBinary.contents(of: variant))
    // A key set twice is named by the value it is left with.
    let twice = try run(["seed=5", "optimizer.learning_rate=0.02", "seed=9"])
    #expect(
      twice.output.contains(
        "results: \(results.path)/m@optimizer.learning_rate=0.02,seed=9/"), "\(twice.output)")
  }

  /// Tester BC4: default Adam and Adam at 0.01 (gd's default, not Adam's) shared one folder,
  /// each run moving the other into `.history`; now two folders, and Adam's own 0.001 written
  /// out is a rerun of default Adam's.
  @Test func adamAtGDsRateGetsAFolderOfItsOwn() throws {
    let dir = try WriteFaultBinaryTests.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("min.yaml")
    try "dataset: {generator: moons, split: {train: 0.8, test: 0.2}}\nmodel: {type: logreg}\n"
      .write(to: spec, atomically: true, encoding: .utf8)
    let results = dir.appendingPathComponent("results")
    let adam = ["optimizer.type=adam", "optimizer.batch_size=80"]
    for overrides in [
      adam, adam + ["optimizer.learning_rate=0.01"], adam, adam + ["optimizer.learning_rate=0.001"],
    ] {
      let r = try SweepBinary.run(
        ["run", spec.path, "--results-dir", results.path] + overrides.flatMap { ["--set", $0] })
      #expect(r.status == 0, "\(overrides): \(r.error)")
      #expect(!(r.output + r.error).contains("different spec"), "\(overrides): \(r.error)")
    }
    #expect(
      try Self.visible(results) == [
        "min@optimizer.batch_size=80,optimizer.learning_rate=0.01,optimizer.type=adam",
        "min@optimizer.batch_size=80,optimizer.type=adam",
      ])
    #expect(
      !FileManager.default.fileExists(atPath: results.appendingPathComponent(".history").path))
  }

  /// A sweep with `--set` of the spec's own value resumes in the sweep's own folder.
  @Test func aSweepWithItsOwnValueResumesInItsFolder() throws {
    let dir = try WriteFaultBinaryTests.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("s.yaml").path
    let results = dir.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let again = try SweepBinary.run([
      "sweep", spec, "--results-dir", results.path, "--set", "optimizer.epochs=020",
    ])
    #expect(again.status == 0, "\(again.error)")
    #expect((again.output + again.error).contains("skipped 3 already complete"), "\(again.output)")
    #expect(try Self.visible(results) == ["s"])
  }
}
