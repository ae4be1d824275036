import Foundation
import Pipeline
import Testing

/// A spec reached through a link finds the project it lives in.
struct LinkedSpecTests {
  /// A link to a spec *file* of a project, from a folder in no project, is read from the folder
  /// the file really is in, as a link to the project's folder is: its runner.yaml's data path
  /// and results folder (it was read from the link's folder: data not found, results beside the
  /// link). A runner.yaml above the link still comes first.
  @Test func aLinkedSpecFileFindsTheProjectItLivesIn() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("linked-spec-\(UUID().uuidString)")
      .resolvingSymlinksInPath()
    defer { try? fm.removeItem(at: root) }
    let project = root.appendingPathComponent("project")
    let experiments = project.appendingPathComponent("experiments")
    try fm.createDirectory(at: experiments, withIntermediateDirectories: true)
    try "data_path: [experiments]\nresults_dir: out\n".write(
      to: project.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    let spec = experiments.appendingPathComponent("t.yaml")
    try "name: t\n".write(to: spec, atomically: true, encoding: .utf8)
    let elsewhere = root.appendingPathComponent("elsewhere")
    try fm.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    let link = elsewhere.appendingPathComponent("t.yaml")
    try fm.createSymbolicLink(at: link, withDestinationURL: spec)

    #expect(ProjectContext.specFolder(of: link).path == experiments.path)
    let context = try ProjectContext(specPath: link.path, environment: [:], resultsRoot: nil)
    #expect(context.resultsRoot.path == project.appendingPathComponent("out").path)
    #expect(context.outsideProjectHint == nil)
    // init.from's relative folder is found from the same folder as the data.
    let saved = experiments.appendingPathComponent("warm")
    try fm.createDirectory(at: saved, withIntermediateDirectories: true)
    #expect(try SavedParameters.locate("warm", specFile: link.path).path == saved.path)
    try "results_dir: mine\n".write(
      to: elsewhere.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    #expect(ProjectContext.specFolder(of: link).path == elsewhere.path)
    let near = try ProjectContext(specPath: link.path, environment: [:], resultsRoot: nil)
    #expect(near.resultsRoot.path == elsewhere.appendingPathComponent("mine").path)
  }
}
