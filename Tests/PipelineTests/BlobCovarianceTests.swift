import Foundation
import Specs
import Testing

@testable import Pipeline

/// A blobs covariance that is symmetric with a positive diagonal but not positive-definite is
/// refused at `covariances[i]`, like its siblings, with the entry to lower (it was said at
/// `type: blobs`, without a key path or a remedy).
@Suite struct BlobCovarianceTests {
  @Test func aCovarianceNotPositiveDefiniteIsLocatedAtItsMatrix() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try TestProject.writeSpec(
      """
      dataset:
        generator:
          type: blobs
          means: [[0, 0], [1, 1]]
          covariances: [[[1, 2], [2, 1]], [[1, 0], [0, 1]]]
        split: {test: 0.25}
      model: {type: logreg}
      optimizer: {type: gd, iterations: 2}

      """, in: folder)
    #expect {
      try TestProject.checkData(path, in: folder)
    } throws: { error in
      guard case .data(_, let diagnostics) = error as! PipelineError else { return false }
      let d = diagnostics.first
      #expect(d?.location?.description == "\(path):5:19", "\(String(describing: d))")
      #expect(
        d?.message
          == "dataset.generator.covariances[0] is not positive-definite: its Cholesky factor "
          + "fails at row 2 of 2")
      #expect(
        d?.note
          == "dataset.generator.covariances[0][0][1] is 2, and |c01| must be below "
          + "√(c00·c11) = √(1·1) = 1: lower it, or raise the variances")
      return true
    }
  }
}
