/// A built-in seeded data generator and its parameters, declared once: the kinds, the keys each
/// takes and their defaults. The spec layer decodes and writes it; the data layer generates
/// from it (`Generator(_:)` in `Datasets/Generators/Generator.swift`). Each kind uses only some
/// fields; the others keep their defaults and are not written in the canonical spec.
public struct GeneratorSpec: Sendable, Equatable {
  /// The generator families.
  public enum Kind: String, Sendable, CaseIterable {
    /// `y = x·weights + bias + noise·N(0, 1)`, x uniform in `xRange`; reports the true parameters.
    case linear
    /// `y = Σ coefficients[k]·x^k + noise·N(0, 1)`, x uniform in `xRange` (bias/variance demos).
    case polynomial
    /// Gaussian blobs, one per class: `means`, `covariances`, `sizes`.
    case blobs
    /// The four rows of a logic gate (`gate`), repeated `samples / 4` times.
    case gates
    /// Two interleaving half circles.
    case moons
    /// A small circle inside a large one (`factor` = inner radius / outer radius).
    case circles
    /// `classes` interleaved spiral arms.
    case spirals
    /// `y = sin(x) + noise·N(0, 1)`, x uniform in `xRange`.
    case sine
  }

  /// Which synthetic data set is drawn (the spec's `generator.type`).
  public var kind: Kind
  /// Number of samples (blobs: the sum of `sizes`).
  public var samples: Int = 100
  /// Standard deviation of the Gaussian noise added to targets (or to points, for shapes).
  public var noise: Double = 0
  /// The generator's own seed; defaults to the experiment's seed.
  public var seed: UInt64 = 0
  /// linear: the true weights, one per feature.
  public var weights: [Double] = [1]
  /// linear: the true bias.
  public var bias: Double = 0
  /// polynomial: coefficients of x⁰, x¹, ...
  public var coefficients: [Double] = [0, 1]
  /// linear, polynomial, sine: the interval x is drawn from.
  public var xRange: [Double] = [0, 1]
  /// blobs: one mean vector per class.
  public var means: [[Double]] = []
  /// blobs: one covariance matrix per class; empty (the default) is the identity for each.
  public var covariances: [[[Double]]] = []
  /// blobs: samples per class.
  public var sizes: [Int] = []
  /// gates: which gate.
  public var gate: LogicGate = .xor
  /// circles: inner radius over outer radius, in (0, 1); 0.8 as scikit-learn's make_circles.
  public var factor: Double = 0.8
  /// spirals: number of arms (classes).
  public var classes: Int = 2

  /// The classes drawn (blobs: one per mean, spirals: `classes`; gates, moons and circles: 2);
  /// nil for the regressions (linear, polynomial, sine).
  public var classCount: Int? {
    switch kind {
    case .blobs: means.count
    case .spirals: classes
    case .gates, .moons, .circles: 2
    case .linear, .polynomial, .sine: nil
    }
  }

  /// A generator of `kind` with every other field at its default (100 noiseless samples, gates 4;
  /// x drawn from [0, 1], polynomial [-1, 1], sine [0, 2π]).
  public init(kind: Kind) {
    self.kind = kind
    if kind == .gates { samples = 4 }
    if kind == .polynomial { xRange = [-1, 1] }
    if kind == .sine { xRange = [0, 6.283185307179586] }
  }

  /// The fewest samples the kind draws from: one per class for moons and circles, two per arm
  /// for spirals, gates' four rows; one otherwise.
  public var fewestSamples: Int {
    switch kind {
    case .moons, .circles: 2
    case .spirals: 2 * classes
    case .gates: 4
    case .linear, .polynomial, .blobs, .sine: 1
    }
  }

  /// Whether anything is drawn at these settings: gates, moons, circles and spirals place
  /// their points on a fixed grid and draw only the noise; the others draw x (or the points).
  public var draws: Bool {
    switch kind {
    case .gates, .moons, .circles, .spirals: noise > 0
    case .linear, .polynomial, .blobs, .sine: true
    }
  }

  /// The keys this kind accepts besides `type`.
  public static func keys(for kind: Kind) -> [String] {
    switch kind {
    case .linear: ["samples", "noise", "seed", "weights", "bias", "x_range"]
    case .polynomial: ["samples", "noise", "seed", "coefficients", "x_range"]
    case .blobs: ["seed", "means", "covariances", "sizes"]
    case .gates: ["samples", "noise", "seed", "gate"]
    case .moons: ["samples", "noise", "seed"]
    case .circles: ["samples", "noise", "seed", "factor"]
    case .spirals: ["samples", "noise", "seed", "classes"]
    case .sine: ["samples", "noise", "seed", "x_range"]
    }
  }
}

/// A two-input logic gate (the `gates` generator's truth tables).
public enum LogicGate: String, Sendable, Equatable, CaseIterable {
  case and, or, nand, xor
}

extension GeneratorSpec {
  /// True when the least error any model can reach on this generator's data under `loss` is
  /// known from its own keys (its noise floor, `GeneratorSpec.noiseFloor` in Datasets): blobs'
  /// Bayes error for a run judged as classes (`classes`, by default the loss's kind; see
  /// `Metric.judgesClasses`); the noise's loss for linear, polynomial and sine targets with
  /// Gaussian noise above 0 under mse, mae or huber. Not for moons, circles, spirals or gates,
  /// whose noise moves the points (not cheap to know): their floor stays 0.
  public func knowsNoiseFloor(for loss: LossKind, judgingClasses classes: Bool? = nil) -> Bool {
    let classes = classes ?? loss.isClassification
    return switch kind {
    case .blobs: classes && !means.isEmpty
    case .linear, .polynomial, .sine: !classes && noise > 0
    case .gates, .moons, .circles, .spirals: false
    }
  }
}
