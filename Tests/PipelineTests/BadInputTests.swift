import Foundation
import Pipeline
import Testing

/// Bad inputs end in one exact, located message and an exit code, and write nothing.
@Suite struct BadInputTests {
  /// A copy of `experiments/cat.yaml` edited by `edit`, in a fresh folder with a `runner.yaml`
  /// pointing at the shared datasets; returns (spec path, results root).
  static func spec(_ edit: (String) -> String) throws -> (spec: String, results: URL) {
    let dir = TestProject.temporaryDirectory()
    let datasets = TestProject.root.deletingLastPathComponent().appendingPathComponent(
      "shared/datasets"
    ).path
    try "data_path:\n  - \(datasets)\n".write(
      to: dir.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    let path = try TestProject.writeSpec(
      edit(try TestProject.experimentText("cat.yaml")), named: "bad.yaml", in: dir)
    return (path, dir.appendingPathComponent("results"))
  }

  /// Runs the spec and returns the error it must fail with.
  static func failure(_ s: (spec: String, results: URL)) -> PipelineError? {
    do {
      _ = try TestProject.run(s.spec, resultsRoot: s.results)
      return nil
    } catch {
      return error
    }
  }

  @Test func missingDataFile() throws {
    let s = try Self.spec {
      $0.replacingOccurrences(of: "train_catvnoncat.h5", with: "train_dogs.h5")
    }
    let error = try #require(Self.failure(s))
    let dir = URL(fileURLWithPath: s.spec).deletingLastPathComponent().path
    // Compared with symbolic links resolved: `../shared` may be a link to the datasets.
    let datasets = TestProject.root.deletingLastPathComponent().appendingPathComponent(
      "shared/datasets"
    )
    .resolvingSymlinksInPath().path
    let resolved = { (line: String) in
      line.hasPrefix("  /")
        ? "  " + URL(fileURLWithPath: String(line.dropFirst(2))).resolvingSymlinksInPath().path
        : line
    }
    let lines = error.description.split(separator: "\n").map(String.init).map(resolved)
    #expect(lines[0] == "\(s.spec):15:11: error: data file 'catvnoncat/train_dogs.h5' not found")
    #expect(lines[1] == "  15 |     file: catvnoncat/train_dogs.h5")
    #expect(lines[2] == "     |           ^")
    #expect(lines[3] == "note: looked in:")
    #expect(lines[4] == resolved("  \(dir)/catvnoncat/train_dogs.h5"))
    #expect(lines[5] == resolved("  \(datasets)/catvnoncat/train_dogs.h5"))
    #expect(
      lines.last?.hasPrefix(
        "give an absolute path, put the file beside the spec, set RUNNER_DATA_PATH") == true)
    #expect(error.exitCode == .noInput)
    #expect(TestProject.isEmptyOrAbsent(s.results))
  }

  @Test func unknownKey() throws {
    let s = try Self.spec {
      $0.replacingOccurrences(
        of: "  learning_rate: 0.005", with: "  learning_rate: 0.005\n  learnig_rate: 0.1")
    }
    let error = try #require(Self.failure(s))
    #expect(
      error.description == """
        \(s.spec):36:3: error: unknown key 'learnig_rate' in optimizer; did you mean 'learning_rate'?
          36 |   learnig_rate: 0.1
             |   ^

        """)
    #expect(error.exitCode == .dataError)
    #expect(TestProject.isEmptyOrAbsent(s.results))
  }

  @Test func wrongType() throws {
    let s = try Self.spec {
      $0.replacingOccurrences(of: "  iterations: 2000", with: "  iterations: many")
    }
    let error = try #require(Self.failure(s))
    #expect(
      error.description == """
        \(s.spec):36:15: error: optimizer.iterations must be a whole number (got 'many')
          36 |   iterations: many
             |               ^

        """)
    #expect(error.exitCode == .dataError)
    #expect(TestProject.isEmptyOrAbsent(s.results))
  }

  @Test func malformedYAML() throws {
    let s = try Self.spec { $0.replacingOccurrences(of: "\nmodel:", with: "\nmodel: [") }
    let error = try #require(Self.failure(s))
    #expect(
      error.description == """
        \(s.spec):29:7: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 27, column 8)
          29 |   init: zeros
             |       ^

        """)
    #expect(error.exitCode == .dataError)
    #expect(TestProject.isEmptyOrAbsent(s.results))
  }

  @Test(.enabled(if: CourseData.cat, CourseData.missing("catvnoncat")))
  func wrongDatasetName() throws {
    let s = try Self.spec {
      $0.replacingOccurrences(of: "features: train_set_x", with: "features: train_x")
    }
    let error = try #require(Self.failure(s))
    #expect(error.description.hasPrefix("\(s.spec):16:15: error: "))
    #expect(
      error.description.contains(
        "no dataset named 'train_x'; available: 'list_classes', 'train_set_x', 'train_set_y'"))
    #expect(error.exitCode == .dataError)
    #expect(TestProject.isEmptyOrAbsent(s.results))
  }

  @Test func missingSpecFile() throws {
    let dir = TestProject.temporaryDirectory()
    let error = try #require(
      Self.failure(
        (dir.appendingPathComponent("nope.yaml").path, dir.appendingPathComponent("results"))))
    #expect(error.exitCode == .noInput)
    #expect(error.description.contains("nope.yaml"))
  }

  @Test func divergingRunKeepsItsRecordsAndFails() throws {
    let dir = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      """
      name: diverges
      dataset:
        generator: {type: linear, samples: 64, weights: [5], bias: 7, noise: 0.25}
        split: {train: 0.75, test: 0.25}
      model: {type: linreg, init: zeros}
      loss: mse
      optimizer: {type: gd, learning_rate: 1000.0, iterations: 500}
      record_every: 1
      metrics: [mse]
      """, in: dir)
    let results = dir.appendingPathComponent("results")
    let error = try #require(Self.failure((spec, results)))
    #expect(error.exitCode == .failure)
    guard case .diverged(let divergence, let folder, _, _, _) = error else {
      Issue.record("expected divergence, got \(error)")
      return
    }
    #expect(error.description.contains("iteration \(divergence.iteration)"))
    #expect(folder == results.appendingPathComponent("diverges").path)
    let metrics = try TestProject.table(folder, "metrics.csv")
    #expect(metrics.rows.count == divergence.iteration + 1)
    // Every record up to the divergence is kept; the last one shows the loss that blew up:
    // past optimizer.divergence_factor (10⁴) times the first, or no longer finite.
    let losses = TestProject.numbers(metrics, "train_loss")
    #expect(losses.dropLast().allSatisfy { $0.isFinite })
    let (first, last) = (try #require(losses.first), try #require(losses.last))
    #expect(!last.isFinite || last > 1e4 * first)
  }
}
