import Engine

extension FittedPreprocessing {
  /// Preprocessed features mapped back to the features as read, or nil when a step cannot be
  /// undone. Polynomial expansion keeps its first (degree-1) columns, `flatten` changes no
  /// values, `scale`, `normalize`, `standardize` and `min_max` are inverted with the training
  /// statistics.
  public func rawFeatures<T: Scalar>(_ x: Matrix<T>) -> Matrix<Double>? {
    var values: Matrix<Double> = x.converted()
    var statisticsLeft = statistics.count
    for step in steps.reversed() {
      switch step {
      case .flatten: break
      case .scale(let s):
        guard s != 0 else { return nil }
        values.storage = values.storage.map { $0 / s }
      case .normalize(let n): n.undo(&values)
      case .standardize, .minMax:
        statisticsLeft -= 1
        guard statisticsLeft >= 0 else { return nil }
        guard let undone = Self.undo(statistics[statisticsLeft], step: step, values) else {
          return nil
        }
        values = undone
      case .polynomial(let degree):
        let inputs = (1...max(values.cols, 1)).first {
          PolynomialFeatures.termCount(features: $0, degree: degree, limit: values.cols)
            == values.cols
        }
        guard let inputs else { return nil }
        values = Matrix(
          rows: values.rows, cols: inputs,
          storage: (0..<values.rows).flatMap { values.row($0).prefix(inputs) })
      }
    }
    return values
  }

  /// One standardize or min-max step undone: `x·std + mean`, `(x − lo)/(hi − lo)·(max − min)
  /// + min`, with the same guards for constant columns as the forward step.
  static func undo(_ stat: FittedStatistics, step: PreprocessingStep, _ x: Matrix<Double>)
    -> Matrix<Double>?
  {
    var out = x
    switch step {
    case .standardize:
      guard let mean = stat.values["mean"], let std = stat.values["std"], mean.count == x.cols
      else { return nil }
      for i in 0..<x.rows {
        for j in 0..<x.cols { out[i, j] = x[i, j] * (std[j] == 0 ? 1 : std[j]) + mean[j] }
      }
    case .minMax(let lo, let hi):
      guard let mn = stat.values["min"], let mx = stat.values["max"], mn.count == x.cols else {
        return nil
      }
      for i in 0..<x.rows {
        for j in 0..<x.cols {
          let range = ColumnStatistics.minMaxRange(min: mn[j], max: mx[j])
          out[i, j] = (x[i, j] - lo) / (hi - lo) * range + mn[j]
        }
      }
    default: return nil
    }
    return out
  }
}
