import Engine

/// The built-in synthetic datasets, each fully determined by its parameters and a seed
/// (our own `SeededGenerator`, so the same numbers on every machine and thread count).
///
/// Features are float64; classification targets are int64 class indices, regression
/// targets float64. `ε` below is a standard normal draw.
public enum Generator: Sendable, Equatable {
  /// `y = x·w + b + noise·ε` with `weights.count` features, each drawn from `U(range)` (per row:
  /// the features in order, then the noise). The true `weights` and `bias` are reported in
  /// `LabeledArrays.trueParameters`.
  case linear(
    samples: Int, weights: [Double], bias: Double, noise: Double, range: ClosedRange<Double>)
  /// `y = Σₖ coefficients[k]·xᵏ + noise·ε`, `x ~ U(range)`, one feature (bias/variance demos).
  case polynomial(samples: Int, coefficients: [Double], noise: Double, range: ClosedRange<Double>)
  /// Gaussian blobs: class `c` has `sizes[c]` rows drawn from `N(means[c], covariances[c])`
  /// (through the Cholesky factor; no covariances is the identity), in class order (a two-Gaussian sample is two means and two
  /// covariances).
  case blobs(means: [[Double]], covariances: [[[Double]]], sizes: [Int])
  /// The four rows of a two-input logic gate's truth table, repeated `repeats` times, with
  /// `noise·ε` added to the inputs (0 keeps them exact).
  case gate(LogicGate, repeats: Int, noise: Double)
  /// Two interleaving half circles (scikit-learn's `make_moons` geometry), `noise·ε` added.
  case moons(samples: Int, noise: Double)
  /// Two concentric circles, the inner one scaled by `factor` (`make_circles` geometry).
  case circles(samples: Int, noise: Double, factor: Double)
  /// `classes` interleaved spiral arms, `samples` points in all (the first `samples % classes`
  /// arms one point longer), each the CS231n spiral: point `i` of an arm of `n` has radius
  /// `r = i/(n-1)`, angle `t = 4c + 4r + noise·ε`, and is `(r sin t, r cos t)`.
  case spirals(samples: Int, classes: Int, noise: Double)
  /// `y = sin(2π·frequency·x) + noise·ε`, `x ~ U(range)`, one feature.
  case sine(samples: Int, noise: Double, frequency: Double, range: ClosedRange<Double>)

  /// The generator's name as specs write it.
  public var name: String {
    switch self {
    case .linear: return "linear"
    case .polynomial: return "polynomial"
    case .blobs: return "blobs"
    case .gate(let g, _, _): return g.rawValue
    case .moons: return "moons"
    case .circles: return "circles"
    case .spirals: return "spirals"
    case .sine: return "sine"
    }
  }

  /// Whether the targets are class indices.
  public var isClassification: Bool {
    switch self {
    case .linear, .polynomial, .sine: return false
    default: return true
    }
  }
}

/// Two-input logic gates: their truth tables.
extension LogicGate {
  /// The gate's output for inputs `a`, `b` in {0, 1}.
  public func output(_ a: Int, _ b: Int) -> Int {
    switch self {
    case .and: return a & b
    case .or: return a | b
    case .nand: return 1 - (a & b)
    case .xor: return a ^ b
    }
  }
}

extension Generator {
  /// The generator a spec declares.
  public init(_ g: GeneratorSpec) {
    let range = (g.xRange.first ?? 0)...(g.xRange.count > 1 ? g.xRange[1] : 1)
    switch g.kind {
    case .linear:
      self = .linear(
        samples: g.samples, weights: g.weights, bias: g.bias, noise: g.noise, range: range)
    case .polynomial:
      self = .polynomial(
        samples: g.samples, coefficients: g.coefficients, noise: g.noise, range: range)
    case .blobs: self = .blobs(means: g.means, covariances: g.covariances, sizes: g.sizes)
    case .gates:
      self = .gate(g.gate, repeats: max(1, g.samples / 4), noise: g.noise)
    case .moons: self = .moons(samples: g.samples, noise: g.noise)
    case .circles: self = .circles(samples: g.samples, noise: g.noise, factor: g.factor)
    case .spirals:
      self = .spirals(samples: g.samples, classes: g.classes, noise: g.noise)
    case .sine:
      // The spec's sine is y = sin(x) (one period over its default x_range [0, 2π]).
      self = .sine(samples: g.samples, noise: g.noise, frequency: 1 / (2 * .pi), range: range)
    }
  }
}
