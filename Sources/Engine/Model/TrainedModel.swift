/// Learned parameters: one network, or the binary networks of a multiclass strategy.
public enum TrainedModel<T: Scalar>: Sendable, Equatable {
  /// Linear, logistic (binary or softmax) or MLP.
  case network(Network<T>)
  /// Network `c` scores class `c` against the rest.
  case oneVsRest([Network<T>])
  /// One network per pair of classes; output > 0.5 votes `positive`, otherwise `negative`
  /// (scikit-learn's `predict`: decision > 0).
  case oneVsOne([PairwiseNetwork<T>])

  /// A binary network trained on two classes.
  public struct PairwiseNetwork<U: Scalar>: Sendable, Equatable {
    /// The class its output 0 stands for.
    public var negative: Int
    /// The class its output 1 stands for.
    public var positive: Int
    /// The binary network; its sigmoid output is the probability of `positive`.
    public var network: Network<U>

    /// A network separating class `negative` (output 0) from class `positive` (output 1).
    public init(negative: Int, positive: Int, network: Network<U>) {
      self.negative = negative
      self.positive = positive
      self.network = network
    }
  }

  /// The single network, if this is one.
  public var network: Network<T>? {
    if case .network(let n) = self { return n }
    return nil
  }

  /// Class scores `(m, k)` (probabilities for one network and one-vs-rest, votes plus a
  /// confidence tie-break below 1 for one-vs-one), or the network's outputs for one network.
  /// The rows go through the model `rowsPerChunk` at a time: the bits of one pass, in memory
  /// that does not grow with `m` beyond the scores.
  public func scores(_ x: Matrix<T>, classes: Int) throws(TrainingError) -> Matrix<Double> {
    let chunk = rowsPerChunk(classes: classes)
    guard x.rows > chunk else { return try onePassScores(x, classes: classes) }
    var scores = Matrix<Double>(rows: 0, cols: 0)
    for first in stride(from: 0, to: x.rows, by: chunk) {
      let part = try onePassScores(x.rows(first..<min(first + chunk, x.rows)), classes: classes)
      if first == 0 { scores = Matrix(rows: x.rows, cols: part.cols) }
      scores.storage.replaceSubrange(
        first * part.cols..<(first + part.rows) * part.cols, with: part.storage)
    }
    return scores
  }

  /// `scores` of every row of `x` in one pass through the model.
  func onePassScores(_ x: Matrix<T>, classes: Int) throws(TrainingError) -> Matrix<Double> {
    switch self {
    case .network(let net):
      return try net.predict(x).converted()
    case .oneVsRest(let nets):
      var s = Matrix<Double>(rows: x.rows, cols: nets.count)
      for (c, net) in nets.enumerated() {
        let p = try net.predict(x)
        for i in 0..<x.rows { s[i, c] = p.storage[i].doubleValue }
      }
      return s
    case .oneVsOne(let pairs):
      // scikit-learn's OneVsOneClassifier over LogisticRegression: each pair votes by the sign
      // of its decision value z (the logit), and ties go to the larger sum of the signed z
      // (+z for `positive`, −z for `negative`) squashed into (−1/3, 1/3).
      var votes = Matrix<Double>(rows: x.rows, cols: classes)
      var confidence = Matrix<Double>(rows: x.rows, cols: classes)
      for pair in pairs {
        var decision = pair.network
        decision.layers[decision.layers.count - 1].activation = .identity
        let z = try decision.predict(x)
        for i in 0..<x.rows {
          let v = z.storage[i].doubleValue
          votes[i, v > 0 ? pair.positive : pair.negative] += 1
          confidence[i, pair.positive] += v
          confidence[i, pair.negative] -= v
        }
      }
      for i in 0..<votes.storage.count {
        let c = confidence.storage[i]
        votes.storage[i] += c / (3 * (abs(c) + 1))
      }
      return votes
    }
  }

  /// Predicted class of each row: 1 above 0.5 for one output (0.5 itself is 0, like
  /// scikit-learn's decision > 0), otherwise the largest score (the first on ties).
  public func predictLabels(_ x: Matrix<T>, classes: Int) throws(TrainingError) -> [Int] {
    TrainedModel.labels(fromScores: try scores(x, classes: classes))
  }

  /// One-vs-rest scores normalized to sum 1 per row (scikit-learn's one-vs-rest
  /// `predict_proba`); a row of zeros gives every class the same share.
  public static func oneVsRestProbabilities(_ scores: Matrix<Double>) -> Matrix<Double> {
    var p = scores
    for i in 0..<scores.rows {
      let row = scores.row(i)
      let total = row.reduce(0, +)
      for j in row.indices { p[i, j] = total > 0 ? row[j] / total : 1 / Double(row.count) }
    }
    return p
  }

  static func labels(fromScores s: Matrix<Double>) -> [Int] {
    if s.cols == 1 { return s.storage.map { $0 > 0.5 ? 1 : 0 } }
    return (0..<s.rows).map { i in
      var best = 0
      for j in 1..<max(s.cols, 1) where s[i, j] > s[i, best] { best = j }
      return best
    }
  }
}
