import Foundation
import Testing

@testable import Pipeline

/// `runner export tensorboard RUN --logdir ELSEWHERE` reads the run and writes nothing beside
/// it, not even a lock file made and removed (tester BI-4: `.cat.lock` in results/baseline,
/// where only `runner gate --record` writes). Tests may run as root, where a read-only mode
/// stops no write: the folder and its parent must keep their entries and modification times.
struct TensorBoardLogdirReadOnlyTests {
  /// The names in `folder` and its modification time, to the nanosecond.
  static func state(of folder: URL) throws -> (names: [String], modified: [Int]) {
    var info = stat()
    guard stat(folder.path, &info) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    return (names, [info.st_mtim.tv_sec, info.st_mtim.tv_nsec])
  }

  @Test func anExportIntoAnotherLogdirLeavesTheRunFolderAndItsParentUntouched() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let parent = root.appendingPathComponent("results/baseline")
    let folder = parent.appendingPathComponent("cat")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: TestProject.root.appendingPathComponent("results/baseline/cat"), to: folder)
    let logdir = root.appendingPathComponent("tb/cat")
    let before = (try Self.state(of: parent), try Self.state(of: folder))
    // A moment, so that a write beside the run would change the time seen.
    usleep(20_000)

    let run = try ExportedRun(folder: folder, name: "cat")
    var wrote: [String] = []
    try TensorBoardExport.write([(run, logdir)], wrote: { wrote.append($0) })

    #expect(wrote.count == 1 && wrote[0].hasPrefix(logdir.path + "/"))
    let after = (try Self.state(of: parent), try Self.state(of: folder))
    #expect(after.0.names == before.0.names && after.0.modified == before.0.modified)
    #expect(after.1.names == before.1.names && after.1.modified == before.1.modified)
  }

  /// The events written elsewhere are those of the run the folder holds after the reading: a
  /// run that replaced the folder since it was read is read again.
  @Test func aRunFolderReplacedSinceItWasReadIsReadAgain() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let baseline = TestProject.root.appendingPathComponent("results/baseline")
    let folder = root.appendingPathComponent("results/run")
    try FileManager.default.createDirectory(
      at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: baseline.appendingPathComponent("cat"), to: folder)
    let run = try ExportedRun(folder: folder, name: "run")
    try FileManager.default.moveItem(at: folder, to: root.appendingPathComponent("retired"))
    try FileManager.default.copyItem(
      at: baseline.appendingPathComponent("xor-mlp-sigmoid"), to: folder)
    let logdir = root.appendingPathComponent("tb/run")

    var wrote: [String] = []
    try TensorBoardExport.write([(run, logdir)], wrote: { wrote.append($0) })

    let next = try ExportedRun(folder: folder, name: "run")
    let written = try Data(contentsOf: URL(fileURLWithPath: try #require(wrote.first)))
    let keys = TensorBoardExport.textKeys([run])
    #expect(Array(written) == TensorBoardExport.events(next, textKeys: keys))
    #expect(Array(written) != TensorBoardExport.events(run, textKeys: keys))
  }

  /// A `--logdir` that links into the run's folder is inside it: that export keeps the lock.
  @Test func aLogdirLinkingIntoTheRunIsInsideIt() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let run = root.appendingPathComponent("results/cat")
    try FileManager.default.createDirectory(
      at: run.appendingPathComponent("tb"), withIntermediateDirectories: true)
    let link = root.appendingPathComponent("logs")
    try FileManager.default.createSymbolicLink(
      at: link, withDestinationURL: run.appendingPathComponent("tb"))
    #expect(TensorBoardExport.isInside(link, run))
    #expect(TensorBoardExport.isInside(run, run))
    #expect(!TensorBoardExport.isInside(root.appendingPathComponent("results/cat2"), run))
  }
}
