import Testing

@testable import Specs

/// Values the runner computes from other values are marked derived (how), not default, so
/// `runner explain` says where they came from.
@Suite struct DerivedOriginTests {
  @Test func nameOutputAndSeedsLeftOutAreDerived() throws {
    let loaded = try load(minimalSpec, file: "experiments/iris-logreg.yaml").get()
    #expect(loaded.spec.name == "iris-logreg")
    #expect(loaded.spec.output == "iris-logreg")
    #expect(loaded.sourceMap.origin(of: "name") == .derived("the file's base name"))
    #expect(loaded.sourceMap.origin(of: "output") == .derived("the name"))
    #expect(loaded.sourceMap.origin(of: "dataset.split.seed") == .derived("the spec's seed"))
    #expect(loaded.sourceMap.origin(of: "seed") == .default)
  }

  /// Cosine's unwritten t_max is the run's budget (it was labelled "default", so a user who
  /// reused `runner explain`'s output and raised the epochs kept the old period).
  @Test func cosinesPeriodIsDerivedFromTheBudget() throws {
    let epochs = try load(
      minimalSpec + "\noptimizer: {type: adam, epochs: 20, schedule: cosine}\n"
    ).get()
    #expect(epochs.spec.optimizer.schedule.settings.tMax == 20)
    #expect(
      epochs.sourceMap.origin(of: "optimizer.schedule.t_max") == .derived("optimizer.epochs"))
    let iterations = try load(minimalSpec + "\noptimizer: {iterations: 2000, schedule: cosine}\n")
      .get()
    #expect(
      iterations.sourceMap.origin(of: "optimizer.schedule.t_max")
        == .derived("optimizer.iterations"))
    let written = try load(minimalSpec + "\noptimizer: {schedule: {type: cosine, t_max: 5}}\n")
      .get()
    #expect(written.sourceMap.origin(of: "optimizer.schedule.t_max")?.location?.line != nil)
  }

  /// A data file's unwritten format comes from its extension, as docs/spec.md's Explain
  /// section quotes (tester Q2: the doc and the binary worded it apart).
  @Test func anUnwrittenFormatIsDerivedFromTheExtension() throws {
    let loaded = try load(
      "dataset: {file: data.csv, target: y}\nmodel: linreg\n", file: "experiments/x.yaml"
    ).get()
    let origin = try #require(loaded.sourceMap.origin(of: "dataset.format"))
    #expect(origin == .derived("the file's extension"))
    let docs = try String(contentsOfFile: repositoryRoot + "/docs/spec.md", encoding: .utf8)
    let words = docs.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(words.contains("`# \(origin.description)`"), "\(origin.description)")
    let name = try #require(loaded.sourceMap.origin(of: "name"))
    #expect(words.contains("`# \(name.description)`"), "\(name.description)")
  }

  @Test func writtenNameAndOutputAreTheFiles() throws {
    let loaded = try load("name: run1\noutput: runs/one\n" + minimalSpec).get()
    #expect(loaded.sourceMap.origin(of: "name")?.location?.line == 1)
    #expect(loaded.sourceMap.origin(of: "output")?.location?.line == 2)
  }
}
