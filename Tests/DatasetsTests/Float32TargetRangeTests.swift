import Testing

@testable import Datasets

/// Tester AW's F10 g: a float32 run's target beyond float32's range was refused by the engine
/// as "the training set targets: row 2 is inf", naming no column or line, showing ∞ for a
/// finite value in the file and giving no fix. It is refused as a feature is: the value, its
/// line and column, and the fix.
@Suite struct Float32TargetRangeTests {
  @Test func aTargetBeyondFloat32IsLocatedAsAFeatureIs() throws {
    let dir = TemporaryDirectory()
    let path = dir.write("y39.csv", text: "x1,y\n1,2\n2,1e39\n3,4\n4,5\n")
    let configuration = DataConfiguration(
      split: .given(
        train: .table(file: path, features: nil, target: "y"), dev: nil, test: nil),
      target: .regression, seed: 1)
    let loader = DataLoader(locator: DataLocator(searchDirectories: []))
    #expect(throws: Never.self) { _ = try loader.prepare(configuration, as: Double.self) }
    do {
      _ = try loader.prepare(configuration, as: Float.self)
      Issue.record("float32 held 1e39")
    } catch {
      #expect(
        error.error.description
          == "\(path) (line 3, column 'y'): 1e+39 is beyond float32's range "
          + "(±3.4028235e+38): rescale the column or use dtype: float64")
    }
  }
}
