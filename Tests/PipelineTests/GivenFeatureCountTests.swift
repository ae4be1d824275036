import Datasets
import Foundation
import Specs
import Testing

@testable import Pipeline

/// Given dev and test sets must hold as many features per sample as the training set: `runner
/// validate` said ok (reading no values, or reading them without comparing), and `runner run`
/// refused them only once training began, naming neither file. Both refuse at the part's key,
/// naming both files: tables by their columns, arrays by the shapes in their headers.
@Suite struct GivenFeatureCountTests {
  static func configuration(train: String, test: String) throws -> DataConfiguration {
    let text = """
      dataset:
        train: \(train)
        test: \(test)
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: gd, learning_rate: 0.1, iterations: 5}

      """
    return try DataConfiguration(SpecLoader.load(text: text, file: "s.yaml").spec)
  }

  /// The failure of `prepare` and of `inspect` (what `run` and `validate` check) for the sets.
  static func failures(_ dir: URL, train: String, test: String) throws -> [DataFailure?] {
    let configuration = try Self.configuration(train: train, test: test)
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    return [
      #expect(throws: DataFailure.self) { _ = try loader.prepare(configuration, as: Double.self) },
      #expect(throws: DataFailure.self) { _ = try loader.inspect(configuration) },
    ]
  }

  static func arrays(_ rows: Int, _ columns: Int) throws -> (NDArray, NDArray) {
    let x = try NDArray(
      shape: [rows, columns], storage: .float64((0..<rows * columns).map(Double.init)))
    let y = try NDArray(shape: [rows], storage: .int64((0..<rows).map { Int64($0 % 2) }))
    return (x, y)
  }

  @Test func tablesWithListedFeaturesOfAnotherCountAreRefusedAtTheTestFile() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = "a,b,y\n1,2,0\n2,3,1\n3,1,0\n4,2,1\n"
    for name in ["tr.csv", "te.csv"] {
      try csv.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let found = try Self.failures(
      dir, train: "{file: tr.csv, target: y, features: [a, b]}",
      test: "{file: te.csv, target: y, features: [a]}")
    for failure in found {
      #expect(failure?.reference == .source(.test, .file))
      #expect(
        failure?.description
          == "\(dir.path)/te.csv: 1 feature per sample, but the training set (\(dir.path)/tr.csv) "
          + "has 2: every set must hold the features the model is trained on, in the same order")
    }
  }

  @Test func arrayFilesOfAnotherWidthAreRefusedFromTheirHeaders() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (xtr, ytr) = try Self.arrays(6, 3)
    let (xte, yte) = try Self.arrays(3, 4)
    for (name, array) in [("xtr.npy", xtr), ("ytr.npy", ytr), ("xte.npy", xte), ("yte.npy", yte)] {
      try Data(NPYFile.encode(array)).write(to: dir.appendingPathComponent(name))
    }
    try Data(NPZFile.encode([("X", xtr), ("y", ytr)], compressed: true))
      .write(to: dir.appendingPathComponent("tr.npz"))
    try Data(NPZFile.encode([("X", xte), ("y", yte)], compressed: true))
      .write(to: dir.appendingPathComponent("te.npz"))
    let npy = try Self.failures(
      dir, train: "{file: xtr.npy, target_file: ytr.npy}",
      test: "{file: xte.npy, target_file: yte.npy}")
    for failure in npy {
      #expect(failure?.reference == .source(.test, .file))
      #expect(
        failure?.description.hasPrefix(
          "\(dir.path)/xte.npy: 4 features per sample, but the training set (\(dir.path)/xtr.npy) "
            + "has 3") == true)
    }
    let npz = try Self.failures(
      dir, train: "{file: tr.npz, features: X, target: y}",
      test: "{file: te.npz, features: X, target: y}")
    for failure in npz {
      #expect(failure?.reference == .source(.test, .feature(index: 0)))
      #expect(failure?.description.contains("4 features per sample") == true)
    }
  }
}
