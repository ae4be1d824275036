import Datasets
import Foundation
import Testing

/// A generator's noise floor (`GeneratorSpec.noiseFloor`) against independent computations:
/// blobs' Bayes error by a grid integration of min over classes of πₖ·pₖ(x), the regression
/// floors by numeric integration of the loss over the noise's density.
@Suite struct GeneratorNoiseFloorTests {
  /// Primer 004's blobs: N([3, 4], diag(3, 1)) × 100, N([7, 6], diag(3, 2)) × 200.
  var primerBlobs: GeneratorSpec {
    var g = GeneratorSpec(kind: .blobs)
    g.means = [[3, 4], [7, 6]]
    g.covariances = [[[3, 0], [0, 1]], [[3, 0], [0, 2]]]
    g.sizes = [100, 200]
    return g
  }

  /// ∫∫ min(π₀p₀, π₁p₁) over a grid of `steps`² cells on [lo, hi]² (Gaussians with diagonal
  /// covariances): the Bayes error of two classes, with no sampling.
  func gridBayesError(
    means: [[Double]], variances: [[Double]], priors: [Double], lo: Double, hi: Double,
    steps: Int
  ) -> Double {
    let h = (hi - lo) / Double(steps)
    func density(_ k: Int, _ x: Double, _ y: Double) -> Double {
      let (vx, vy) = (variances[k][0], variances[k][1])
      let q =
        (x - means[k][0]) * (x - means[k][0]) / vx + (y - means[k][1]) * (y - means[k][1]) / vy
      return priors[k] * exp(-q / 2) / (2 * Double.pi * (vx * vy).squareRoot())
    }
    var total = 0.0
    for i in 0..<steps {
      let x = lo + (Double(i) + 0.5) * h
      for j in 0..<steps {
        let y = lo + (Double(j) + 0.5) * h
        total += min(density(0, x, y), density(1, x, y))
      }
    }
    return total * h * h
  }

  @Test func primer004BlobsFloorIsTheirBayesErrorToThreeDigits() throws {
    let floor = try #require(primerBlobs.noiseFloor(loss: LossSpec(.binaryCrossEntropy)))
    let grid = gridBayesError(
      means: [[3, 4], [7, 6]], variances: [[3, 1], [3, 2]], priors: [1.0 / 3, 2.0 / 3],
      lo: -12, hi: 22, steps: 700)
    // 3 significant digits: within half a unit of the third digit of the grid's value.
    #expect(abs(floor.value - grid) <= 0.00005 + 1e-6, "floor \(floor.value), grid \(grid)")
    #expect(floor.value == Double(String(format: "%.3g", floor.value)))
    #expect(
      floor.source
        == "the Bayes error of these blobs, from the generator's means, covariances and sizes")
    // No random draw: the same value every time, whatever the seed.
    var reseeded = primerBlobs
    reseeded.seed = 99
    #expect(reseeded.noiseFloor(loss: LossSpec(.binaryCrossEntropy)) == floor)
  }

  @Test func blobsWithOneClassOrFarApartHaveAFloorNearZero() throws {
    var g = GeneratorSpec(kind: .blobs)
    g.means = [[0, 0], [40, 40]]
    g.sizes = [50, 50]
    #expect(try #require(g.noiseFloor(loss: LossSpec(.crossEntropy))).value < 1e-100)
    // Equal identity blobs at one place: no rule beats the prior, error 1 − max prior.
    g.means = [[1, 2], [1, 2], [1, 2]]
    g.sizes = [20, 30, 50]
    #expect(try #require(g.noiseFloor(loss: LossSpec(.crossEntropy))).value == 0.5)
  }

  /// ∫ loss(e)·φ(e/σ)/σ de by Simpson's rule on ±12σ.
  func expectedLoss(sigma: Double, _ loss: (Double) -> Double) -> Double {
    let n = 20_000
    let (a, b) = (-12 * sigma, 12 * sigma)
    let h = (b - a) / Double(n)
    var total = 0.0
    for i in 0...n {
      let e = a + Double(i) * h
      let weight = i == 0 || i == n ? 1.0 : i % 2 == 1 ? 4.0 : 2.0
      total += weight * loss(e) * exp(-e * e / (2 * sigma * sigma))
    }
    return total * h / 3 / (sigma * (2 * Double.pi).squareRoot())
  }

  @Test func regressionFloorsAreTheNoisesOwnLoss() throws {
    var linear = GeneratorSpec(kind: .linear)
    linear.noise = 0.25
    let mse = try #require(linear.noiseFloor(loss: LossSpec(.mse)))
    #expect(mse.value == 0.0625)
    #expect(mse.source == "σ², the mse of the linear generator's noise, σ = noise 0.25")
    #expect(abs(mse.value - expectedLoss(sigma: 0.25) { $0 * $0 }) < 1e-10)

    var polynomial = GeneratorSpec(kind: .polynomial)
    polynomial.noise = 0.2
    let mae = try #require(polynomial.noiseFloor(loss: LossSpec(.mae)))
    #expect(abs(mae.value - expectedLoss(sigma: 0.2) { abs($0) }) < 1e-9)
    #expect(mae.source == "σ·√(2/π), the mae of the polynomial generator's noise, σ = noise 0.2")

    var sine = GeneratorSpec(kind: .sine)
    sine.noise = 0.1
    for delta in [0.05, 0.5, 1.0] {
      let huber = try #require(sine.noiseFloor(loss: LossSpec(.huber) { $0.delta = delta }))
      let integrated = expectedLoss(sigma: 0.1) {
        abs($0) <= delta ? $0 * $0 / 2 : delta * (abs($0) - delta / 2)
      }
      #expect(abs(huber.value - integrated) < 1e-9 * max(1, integrated), "δ \(delta)")
    }
    #expect(
      sine.noiseFloor(loss: LossSpec(.huber) { $0.delta = 0.5 })?.source
        == "the mean huber loss at δ 0.5 of the sine generator's noise, σ = noise 0.1")
  }

  @Test func floorsNotCheapToKnowStayUnknown() {
    for kind in [GeneratorSpec.Kind.moons, .circles, .spirals, .gates] {
      var g = GeneratorSpec(kind: kind)
      g.noise = 0.2
      #expect(g.noiseFloor(loss: LossSpec(.binaryCrossEntropy)) == nil, "\(kind)")
    }
    // No noise: nothing to know beyond 0.
    #expect(GeneratorSpec(kind: .linear).noiseFloor(loss: LossSpec(.mse)) == nil)
    // A classification loss on a regression generator, and the reverse, have none.
    var line = GeneratorSpec(kind: .linear)
    line.noise = 1
    #expect(line.noiseFloor(loss: LossSpec(.binaryCrossEntropy)) == nil)
    #expect(primerBlobs.noiseFloor(loss: LossSpec(.mse)) == nil)
  }
}
