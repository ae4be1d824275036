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
    #expect(loaded.sourceMap.origin(of: "dataset.split.seed") == .derived("the experiment's seed"))
    #expect(loaded.sourceMap.origin(of: "seed") == .default)
  }

  @Test func writtenNameAndOutputAreTheFiles() throws {
    let loaded = try load("name: run1\noutput: runs/one\n" + minimalSpec).get()
    #expect(loaded.sourceMap.origin(of: "name")?.location?.line == 1)
    #expect(loaded.sourceMap.origin(of: "output")?.location?.line == 2)
  }
}
