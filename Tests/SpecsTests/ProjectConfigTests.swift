import Foundation
import Testing

@testable import Specs

@Suite struct ProjectConfigTests {
  @Test func repositoryConfigIsFoundFromASubdirectory() throws {
    let file = ProjectConfig.find(from: repositoryRoot + "/experiments")
    #expect(file == repositoryRoot + "/runner.yaml")
    let config = try ProjectConfig.load(file: file!)
    // Compared with symbolic links resolved: `../shared` may be a link to the datasets.
    let parent = URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent()
    let resolved = { (path: String) in URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
    #expect(
      config.dataPath.map(resolved) == [
        resolved(repositoryRoot + "/experiments/data"), resolved(parent.path + "/shared/datasets"),
      ])
    #expect(config.resultsDir == repositoryRoot + "/results")
  }

  @Test func pathsAreRelativeToTheConfigFile() throws {
    let config = try ProjectConfig.parse(
      text: "data_path: [data, /abs/x]\nresults_dir: ../out\n", file: "/p/q/runner.yaml")
    #expect(config.dataPath == ["/p/q/data", "/abs/x"])
    #expect(config.resultsDir == "/p/out")
    let defaults = try ProjectConfig.parse(text: "", file: "/p/runner.yaml")
    #expect(defaults.dataPath.isEmpty)
    #expect(defaults.resultsDir == "/p/results")
  }

  @Test func badConfigIsLocated() {
    do {
      _ = try ProjectConfig.parse(text: "data_paths: [x]\nresults_dir: [a]\n", file: "runner.yaml")
      Issue.record("accepted")
    } catch {
      #expect(error.exitCode == 65)
      #expect(
        error.description == """
          runner.yaml:1:1: error: unknown key 'data_paths'; did you mean 'data_path'?
            1 | data_paths: [x]
              | ^
          runner.yaml:2:14: error: results_dir must be a string (got a list)
            2 | results_dir: [a]
              |              ^

          """)
    }
  }

  @Test func noConfigGivesDefaults() throws {
    let config = try ProjectConfig.discover(from: "/")
    #expect(config.file == nil)
    #expect(config.resultsDir == "/results")
  }

  /// A spec reached through a link to the project's `experiments/` finds the project's
  /// runner.yaml above the folder the link points to (it was looked for above the link only,
  /// so the bundled data was not found), and a runner.yaml above the link comes first.
  @Test func aLinkedFolderFindsTheProjectItPointsInto() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("linked-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: root) }
    let experiments = root.appendingPathComponent("project/experiments")
    try fm.createDirectory(at: experiments, withIntermediateDirectories: true)
    try "data_path: [experiments]\n".write(
      to: root.appendingPathComponent("project/runner.yaml"), atomically: true, encoding: .utf8)
    let elsewhere = root.appendingPathComponent("elsewhere")
    try fm.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    let link = elsewhere.appendingPathComponent("link")
    try fm.createSymbolicLink(at: link, withDestinationURL: experiments)
    let found = ProjectConfig.find(from: link.path).map {
      URL(fileURLWithPath: $0).resolvingSymlinksInPath().path
    }
    #expect(
      found
        == root.appendingPathComponent("project/runner.yaml").resolvingSymlinksInPath().path)
    try "data_path: []\n".write(
      to: elsewhere.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    #expect(
      ProjectConfig.find(from: link.path) == elsewhere.appendingPathComponent("runner.yaml").path)
  }

  /// A runner.yaml that is a link to nothing, or a link loop, was taken for no runner.yaml: the
  /// project's results_dir and data_path were dropped without a word. It is found, and refused
  /// naming the project configuration (not "the spec", which is fine), as a folder there is.
  @Test func anUnreadableConfigIsFoundAndRefusedAsTheProjectConfiguration() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: root) }
    let experiments = root.appendingPathComponent("experiments")
    try fm.createDirectory(at: experiments, withIntermediateDirectories: true)
    let config = root.appendingPathComponent("runner.yaml").path
    let refusal = { () -> String in
      do throws(SpecError) {
        _ = try ProjectConfig.discover(from: experiments.path)
        return "accepted"
      } catch {
        #expect(error.exitCode == 66)
        return error.description
      }
    }
    try fm.createSymbolicLink(atPath: config, withDestinationPath: "runner.yaml.gone")
    #expect(ProjectConfig.find(from: experiments.path) == config)
    #expect(
      refusal() == "error: cannot read the project configuration '\(config)': is a symbolic "
        + "link to runner.yaml.gone, which does not exist\n")
    try fm.removeItem(atPath: config)
    try fm.createSymbolicLink(atPath: config, withDestinationPath: "runner.yaml")
    #expect(
      refusal() == "error: cannot read the project configuration '\(config)': is a symbolic "
        + "link loop (too many levels of links), not a regular file\n")
    try fm.removeItem(atPath: config)
    try fm.createDirectory(atPath: config, withIntermediateDirectories: false)
    #expect(
      refusal() == "error: cannot read the project configuration '\(config)': is a directory, "
        + "not a regular file\n")
    try fm.removeItem(atPath: config)
    try Data([0x61, 0xFF]).write(to: URL(fileURLWithPath: config))
    do throws(SpecError) {
      _ = try ProjectConfig.discover(from: experiments.path)
      Issue.record("accepted")
    } catch {
      #expect(error.exitCode == 65)
      #expect(
        error.diagnostics.map(\.message) == [
          "the project configuration is not valid UTF-8 (byte 1)"
        ])
    }
  }

  /// A folder path that cannot be made absolute (the current folder is past PATH_MAX, so
  /// `getcwd` fails) ends the walk at once: going up a relative path never reached `/`.
  @Test func aRelativeFolderEndsTheWalk() {
    #expect(ProjectConfig.walk(above: "a/b").found == nil)
  }
}
