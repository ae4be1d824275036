import Conventions
import Vocabulary

/// The bootstrap bias/variance decomposition of a model's test-set loss, with mlxtend's
/// definitions (`mlxtend.evaluate.bias_variance_decomp`), from a (rounds × test samples) table
/// of predictions: round r's model was trained on the r-th bootstrap resample of the training set.
///
/// For `mse`, with p[r][i] the prediction of round r on test sample i, y[i] its target and
/// m[i] = mean over r of p[r][i] (the main prediction):
///
///     expected loss = mean over r, i of (p[r][i] − y[i])²
///     bias²         = mean over i of (m[i] − y[i])²
///     variance      = mean over r, i of (p[r][i] − m[i])²
///     expected loss = bias² + variance   (exactly, up to rounding)
///
/// For `zeroOne`, m[i] is the majority vote over rounds (ties to the smallest label, like
/// numpy's `argmax(bincount)`):
///
///     expected loss = mean over r, i of [p[r][i] ≠ y[i]]
///     bias          = mean over i of [m[i] ≠ y[i]]
///     variance      = mean over r, i of [p[r][i] ≠ m[i]]
public struct BiasVarianceDecomposition: Sendable, Equatable {
  /// The decomposed loss.
  public let loss: DecomposedLoss
  /// The number of bootstrap rounds (rows of the predictions table).
  public let rounds: Int
  /// The number of test samples (columns of the predictions table).
  public let testSamples: Int
  /// The average expected loss.
  public let expectedLoss: Double
  /// mse: the average squared bias; 0-1 loss: the error rate of the main prediction.
  public let bias: Double
  /// The average variance of the predictions around the main prediction.
  public let variance: Double
  /// The main prediction per test sample (mean for mse, majority vote for 0-1 loss).
  public let mainPredictions: [Double]
  /// Bootstrap rounds left out because their model diverged or could not be solved (not
  /// counted in `rounds`).
  public var failedRounds = 0
  /// Why the first left-out round failed (`bootstrap round 2: …`), for the run's warning.
  public var firstFailure: String?
  /// Rounds whose exact least-squares solve was rank-deficient and took the minimum-norm
  /// solution (counted in `rounds`; not a column of the table).
  public var minimumNormRounds = 0
  /// The first such round and its collinear feature (`bootstrap round 6: feature 2 ('flag') …`).
  public var firstMinimumNorm: String?
  /// The run's warning on the rounds whose model L-BFGS left short of its tolerance (kept,
  /// unlike failed rounds); nil when every round converged.
  public var unconverged: String?
  /// How the figures print: as float32 text for a float32 run's.
  public var precision: NumberPrecision = .float64

  /// The mse decomposition of `predictions[round][sample]` against `targets[sample]`.
  public static func mse(predictions: [[Double]], targets: [Double]) throws(DecompositionError)
    -> Self
  {
    try validate(predictions.map(\.count), targets: targets.count)
    for (round, row) in predictions.enumerated() {
      if let sample = row.firstIndex(where: { !$0.isFinite }) {
        throw .nonFinitePrediction(round: round, sample: sample)
      }
    }
    let (rounds, samples) = (predictions.count, targets.count)
    var main = [Double](repeating: 0, count: samples)
    for sample in 0..<samples {
      var sum = CompensatedSum()
      for round in 0..<rounds { sum.add(predictions[round][sample]) }
      main[sample] = sum.value / Double(rounds)
    }
    var lossSum = CompensatedSum()
    var varianceSum = CompensatedSum()
    var biasSum = CompensatedSum()
    for round in 0..<rounds {
      for sample in 0..<samples {
        let p = predictions[round][sample]
        lossSum.add((p - targets[sample]) * (p - targets[sample]))
        varianceSum.add((p - main[sample]) * (p - main[sample]))
      }
    }
    for sample in 0..<samples {
      biasSum.add((main[sample] - targets[sample]) * (main[sample] - targets[sample]))
    }
    let cells = Double(rounds * samples)
    return Self(
      loss: .mse, rounds: rounds, testSamples: samples, expectedLoss: lossSum.value / cells,
      bias: biasSum.value / Double(samples), variance: varianceSum.value / cells,
      mainPredictions: main)
  }

  /// The 0-1 loss decomposition of class labels `predictions[round][sample]` against `targets[sample]`.
  public static func zeroOne(predictions: [[Int]], targets: [Int]) throws(DecompositionError)
    -> Self
  {
    try validate(predictions.map(\.count), targets: targets.count)
    let (rounds, samples) = (predictions.count, targets.count)
    var main = [Int](repeating: 0, count: samples)
    for sample in 0..<samples {
      var votes: [Int: Int] = [:]
      for round in 0..<rounds { votes[predictions[round][sample], default: 0] += 1 }
      // Most votes; among equal counts the smallest label (numpy's argmax of bincount).
      main[sample] =
        votes.min { lhs, rhs in lhs.value != rhs.value ? lhs.value > rhs.value : lhs.key < rhs.key
        }!.key
    }
    var wrong = 0
    var unstable = 0
    for round in 0..<rounds {
      for sample in 0..<samples {
        if predictions[round][sample] != targets[sample] { wrong += 1 }
        if predictions[round][sample] != main[sample] { unstable += 1 }
      }
    }
    let biased = (0..<samples).filter { main[$0] != targets[$0] }.count
    let cells = Double(rounds * samples)
    return Self(
      loss: .zeroOne, rounds: rounds, testSamples: samples, expectedLoss: Double(wrong) / cells,
      bias: Double(biased) / Double(samples), variance: Double(unstable) / cells,
      mainPredictions: main.map(Double.init))
  }

  private static func validate(_ rowLengths: [Int], targets: Int) throws(DecompositionError) {
    guard !rowLengths.isEmpty else { throw .noRounds }
    guard targets > 0 else { throw .noTestSamples }
    if let round = rowLengths.firstIndex(where: { $0 != targets }) {
      throw .widthMismatch(round: round, predictions: rowLengths[round], targets: targets)
    }
  }
}

/// Why a decomposition could not be computed.
public enum DecompositionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The predictions table has no rounds.
  case noRounds
  /// There are no test samples.
  case noTestSamples
  /// A round's predictions do not cover every test sample.
  case widthMismatch(round: Int, predictions: Int, targets: Int)
  /// A round predicted NaN or infinity (a diverged model).
  case nonFinitePrediction(round: Int, sample: Int)

  /// The reason as one user-facing sentence, with the round and sample involved.
  public var description: String {
    switch self {
    case .noRounds: return "the bias/variance decomposition needs at least one bootstrap round"
    case .noTestSamples: return "the bias/variance decomposition needs at least one test sample"
    case .widthMismatch(let round, let predictions, let targets):
      return "bootstrap round \(round) has \(predictions) predictions for \(targets) test samples"
    case .nonFinitePrediction(let round, let sample):
      return
        "bootstrap round \(round) predicted a non-finite value for test sample \(sample) (did training diverge?)"
    }
  }
}

/// Kahan–Babuška–Neumaier summation: the sum of many terms to about one rounding error.
struct CompensatedSum {
  private var sum = 0.0
  private var compensation = 0.0

  mutating func add(_ term: Double) {
    let total = sum + term
    if abs(sum) >= abs(term) {
      compensation += (sum - total) + term
    } else {
      compensation += (term - total) + sum
    }
    sum = total
  }

  var value: Double { sum + compensation }
}
