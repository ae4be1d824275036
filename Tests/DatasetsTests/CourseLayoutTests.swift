import Foundation
import Testing

@testable import Datasets

/// Arrays saved in the deeplearning.ai course's layout (X of shape (n_x, m), Y of shape (1, m))
/// got "1 targets for 20 samples" with no shape and no hint: the count mismatch now says which
/// array looks transposed and how to save it.
@Suite struct CourseLayoutTests {
  static func message(labels: [Int], features: [Int]) throws -> String? {
    let count = labels.reduce(1, *)
    let y = try NDArray(
      shape: labels, storage: .int64((0..<count).map { Int64($0 % 2) }), origin: "y.npy")
    return InputFaultTests.dataError {
      try LabeledArrays.checkCounts(y, features: features, in: "X.npy")
    }?.description
  }

  @Test func labelsAsOneRowAndSamplesAsColumnsAreNamed() throws {
    let row =
      "the labels' shape (1, 20) is one row of 20, as the deeplearning.ai course stores Y: save "
      + "them as y.reshape(-1)"
    let columns =
      "the features' shape (3, 20) has 20 columns, as many as the labels: if they are the "
      + "samples (as the course stores X), save X.T"
    #expect(
      try Self.message(labels: [1, 20], features: [20, 3])
        == "y.npy: 1 target for 20 samples in X.npy; \(row)")
    #expect(
      try Self.message(labels: [20], features: [3, 20])
        == "y.npy: 20 targets for 3 samples in X.npy; \(columns)")
    #expect(
      try Self.message(labels: [1, 20], features: [3, 20])
        == "y.npy: 1 target for 3 samples in X.npy; \(row); \(columns)")
    // Other mismatches keep the plain count.
    #expect(
      try Self.message(labels: [2], features: [3, 4]) == "y.npy: 2 targets for 3 samples in X.npy")
  }
}
