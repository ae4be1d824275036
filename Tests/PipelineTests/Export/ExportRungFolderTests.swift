import Foundation
import Testing

@testable import Pipeline

/// A successive-halving sweep's rung folder, or a promoted trial's lower-rung folder, exported
/// alone (tester BL-10): its trials are the sweep's, at the largest budget each reached, so
/// TensorBoard keeps their full-budget events and MLflow nests them under the sweep's parent.
struct ExportRungFolderTests {
  /// The event files under `folder`, relative to it, sorted.
  func eventFiles(below folder: URL) -> [String] {
    let all = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
    return all.filter { ExportedFiles.isEventFile(($0 as NSString).lastPathComponent) }.sorted()
  }

  /// Exports the runs under `path` into their own folders.
  func export(_ path: String) throws {
    let runs = try ExportedRun.find([path])
    try TensorBoardExport.write(runs.map { (run: $0, directory: $0.folder) })
  }

  /// Runs the halving sweep over moons under `root`: its folder and the trial that reached rung 2.
  func halvingSweep(root: URL) throws -> (sweep: URL, best: ExportedRun) {
    let spec = SweepFixture.spec("halving-moons.yaml")
    let outcome = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let sweep = URL(fileURLWithPath: outcome.directory)
    let best = try #require(
      ExportedRun.find([sweep.path]).first {
        $0.folder.deletingLastPathComponent().lastPathComponent == "rung-2"
      })
    return (sweep, best)
  }

  @Test func aRungOrLowerRungTrialFolderIsItsSweepsTrialAtItsHighestRung() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (sweep, best) = try halvingSweep(root: root)
    let name = sweep.lastPathComponent
    let trial = best.folder.lastPathComponent
    try export(sweep.path)
    let whole = eventFiles(below: sweep)

    let lower = sweep.appendingPathComponent("rung-0/\(trial)").path
    let alone = try ExportedRun.find([lower])
    #expect(alone.map(\.name) == ["\(name)/\(trial)"])
    #expect(alone.map(\.folder.standardizedFileURL) == [best.folder.standardizedFileURL])

    let rung = try ExportedRun.find([sweep.appendingPathComponent("rung-0").path])
    #expect(rung.count == 9)
    #expect(rung.allSatisfy { $0.name.hasPrefix(name + "/") && $0.sweep == name })
    #expect(rung.contains { $0.folder.standardizedFileURL == best.folder.standardizedFileURL })

    try export(lower)
    try export(sweep.appendingPathComponent("rung-0").path)
    #expect(eventFiles(below: sweep) == whole)
    #expect(whole.filter { $0.contains("/\(trial)/") }.map { String($0.prefix(7)) } == ["rung-2/"])
  }

  /// A link to a rung folder, a lower-rung trial or the sweep itself is the folder it resolves
  /// to (tester BM-14): named by the link, a rung was taken for a sweep of its own (its trials
  /// at the rung's budget, an MLflow parent named after the link), and the sweep named by a
  /// link got a second parent named after it.
  @Test func aLinkIsTheFolderItResolvesTo() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (sweep, best) = try halvingSweep(root: root)
    let name = sweep.lastPathComponent
    let trial = best.folder.lastPathComponent
    func link(_ name: String, to target: URL) throws -> String {
      let path = root.appendingPathComponent(name).path
      try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target.path)
      return path
    }
    let rung = try ExportedRun.find([try link("r0", to: sweep.appendingPathComponent("rung-0"))])
    #expect(rung.count == 9)
    #expect(rung.allSatisfy { $0.name.hasPrefix(name + "/") && $0.sweep == name }, "\(rung)")
    let lower = try ExportedRun.find([
      try link("t0", to: sweep.appendingPathComponent("rung-0/\(trial)"))
    ])
    #expect(lower.map(\.name) == ["\(name)/\(trial)"])
    #expect(lower.map(\.folder.standardizedFileURL) == [best.folder.standardizedFileURL])
    let whole = try ExportedRun.find([try link("hv", to: sweep)])
    #expect(whole.map(\.name) == (try ExportedRun.find([sweep.path])).map(\.name))
    #expect(whole.allSatisfy { $0.sweep == name })
  }
}
