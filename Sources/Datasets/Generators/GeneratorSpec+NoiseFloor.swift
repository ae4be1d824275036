import Engine
import Foundation

/// The least error any model can reach on a generator's data, known from the generator's own
/// keys, and where it came from: the base error the bias/variance diagnosis judges avoidable
/// bias against when `report.bias_variance.base_error` is not written.
public struct NoiseFloor: Sendable, Equatable {
  /// The floor, in the diagnosis's units (a classifier's error fraction, a regression's loss).
  public var value: Double
  /// Where it came from, e.g. `the Bayes error of these blobs, from the generator's means,
  /// covariances and sizes`.
  public var source: String

  /// A floor of `value` from `source`.
  public init(value: Double, source: String) {
    self.value = value
    self.source = source
  }
}

extension GeneratorSpec {
  /// The generator's noise floor under `loss`, the run judged as classes or not (`classes`, by
  /// default the loss's kind), when `knowsNoiseFloor(for:judgingClasses:)`; nil otherwise.
  ///
  /// - blobs: the Bayes error of the Gaussian mixture, the class priors the sizes' shares
  ///   (`BlobsBayesError`), to 3 significant digits.
  /// - linear, polynomial, sine (targets plus σ·N(0, 1), σ = `noise`): the loss of the noise
  ///   itself, which the true function makes and no model beats: mse σ², mae σ·√(2/π), huber
  ///   (δ) E[huber(ε)] = ½σ²·erf(a/√2) + δσφ(a) − ½δ²·erfc(a/√2) with a = δ/σ (to 10
  ///   significant digits, so that libm's last bits do not show).
  public func noiseFloor(loss: LossSpec, judgingClasses classes: Bool? = nil) -> NoiseFloor? {
    guard knowsNoiseFloor(for: loss.kind, judgingClasses: classes) else { return nil }
    if kind == .blobs {
      guard let error = BlobsBayesError(self)?.value else { return nil }
      return NoiseFloor(
        value: error,
        source: "the Bayes error of these blobs, from the generator's means, covariances and sizes")
    }
    let sigma = noise
    let name = "the \(kind.rawValue) generator's noise, σ = noise \(Self.number(sigma))"
    switch loss.kind {
    case .mse:
      return NoiseFloor(value: sigma * sigma, source: "σ², the mse of \(name)")
    case .mae:
      return NoiseFloor(
        value: sigma * (2 / Double.pi).squareRoot(), source: "σ·√(2/π), the mae of \(name)")
    case .huber:
      let delta = loss.settings.delta
      let a = delta / sigma
      let density = exp(-a * a / 2) / (2 * Double.pi).squareRoot()
      let root2 = 2.0.squareRoot()
      let expected =
        sigma * sigma / 2 * erf(a / root2) + delta * sigma * density
        - delta * delta / 2 * erfc(a / root2)
      return NoiseFloor(
        value: Self.significant(expected, 10),
        source: "the mean huber loss at δ \(Self.number(delta)) of \(name)")
    case .binaryCrossEntropy, .crossEntropy:
      return nil
    }
  }

  /// `value` rounded to `digits` significant digits.
  static func significant(_ value: Double, _ digits: Int) -> Double {
    Double(String(format: "%.\(digits)g", value)) ?? value
  }

  /// A key's value as the spec shows it (`0.25`, `2`).
  static func number(_ value: Double) -> String { String(format: "%g", value) }
}
