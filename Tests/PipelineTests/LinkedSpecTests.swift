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

  /// A run's `spec.resolved.yaml` gets the project of the spec the run was made from, its
  /// results folder included: said in a note, since nothing in its own folder shows it.
  @Test func aResolvedSpecOfAnotherProjectsRunIsNoted() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("resolved-spec-\(UUID().uuidString)")
      .resolvingSymlinksInPath()
    defer { try? fm.removeItem(at: root) }
    let experiments = root.appendingPathComponent("project/experiments")
    try fm.createDirectory(at: experiments, withIntermediateDirectories: true)
    let config = root.appendingPathComponent("project/runner.yaml")
    try "results_dir: out\n".write(to: config, atomically: true, encoding: .utf8)
    let spec = experiments.appendingPathComponent("t.yaml")
    try "name: t\n".write(to: spec, atomically: true, encoding: .utf8)
    let run = root.appendingPathComponent("elsewhere/t")
    try fm.createDirectory(at: run, withIntermediateDirectories: true)
    try "key,value\nspec_file,\(spec.path)\n".write(
      to: run.appendingPathComponent("environment.csv"), atomically: true, encoding: .utf8)
    let resolved = run.appendingPathComponent("spec.resolved.yaml")
    try "name: t\n".write(to: resolved, atomically: true, encoding: .utf8)
    let context = try ProjectContext(specPath: resolved.path, environment: [:], resultsRoot: nil)
    #expect(context.resultsRoot.path == root.appendingPathComponent("project/out").path)
    #expect(
      context.configurationNotes == [
        "note: \(resolved.path) is the resolved spec of a run of \(spec.path), so that spec's "
          + "\(config.path) applies: its data_path, blas_kernel and, unless --results-dir is "
          + "given, results_dir"
      ])
    // The spec itself, or a resolved spec inside the same project, gets no such note.
    let own = try ProjectContext(specPath: spec.path, environment: [:], resultsRoot: nil)
    #expect(own.configurationNotes.isEmpty)
  }
}
