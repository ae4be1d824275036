import Foundation
import Testing

@testable import Datasets

/// An array's integer label that is no class index is shown as an integer and told the bound it
/// misses, as a CSV label is: `2147483653` was "2147483653.0 is not a class index (a
/// non-negative integer)", which it is.
@Suite struct LabelIndexWordingTests {
  static func message(_ labels: [Int64]) throws -> String? {
    let y = try NDArray(shape: [labels.count], storage: .int64(labels), origin: "y.npy")
    return InputFaultTests.dataError { _ = try y.classIndices() }?.description
  }

  @Test func integerLabelsOutOfRangeAreNamedAsIntegersWithTheirBound() throws {
    #expect(
      try Self.message([0, 2_147_483_653, 0])
        == "y.npy (index [1], counting from 0): label 2147483653 out of range: class indices are "
        + "below 2147483647 (labels are class indices 0 to k−1)")
    #expect(
      try Self.message([-1, 1, -1])
        == "y.npy (index [0], counting from 0): label -1 out of range: class indices start at 0"
        + "\n1 more such value:\n  index [2]: -1")
    let half = try NDArray(shape: [2], storage: .float64([0, 1.5]), origin: "y.npy")
    #expect(
      InputFaultTests.dataError { _ = try half.classIndices() }?.description
        == "y.npy (index [1], counting from 0): label 1.5 is not a class index (a non-negative "
        + "integer)")
  }
}
