import Engine

/// Whether an L1 penalty alone makes zero weights the optimum of a linear regression's training
/// objective, mse + l1·‖w‖₁: the model then sits at the targets' mean by design, not because
/// training stalled there.
enum LassoZeroWeights {
  /// For a linear model (one network of one identity layer: a linreg, or such an mlp) under mse with
  /// one target and `l1` above 0, on `examples`: true when every weight's loss gradient at zero
  /// weights with the bias at the targets' mean, (2/n)·|Σᵢ xᵢⱼ(yᵢ − ȳ)|, is at most `l1` (the
  /// subgradient condition of the optimum; scikit-learn's Lasso `alpha_max`, its alpha being
  /// l1/2); nil for another model, loss or target count, or no L1.
  static func areOptimal<T: Scalar>(_ c: TrainingConfiguration, _ examples: Examples<T>) -> Bool? {
    let l1 = c.regularization.l1
    // One network of one identity layer, as the engine lays the model out.
    let (components, activations) = c.model.structure(loss: c.loss, classes: c.classes)
    let linear = components == .single && activations == [.identity]
    let (x, y) = (examples.x, examples.y)
    guard linear, c.loss == .mse, l1 > 0, y.cols == 1, x.rows > 0, x.rows == y.rows else {
      return nil
    }
    let n = Double(x.rows)
    let mean = (0..<y.rows).reduce(0.0) { $0 + y[$1, 0].doubleValue } / n
    var gradients = [Double](repeating: 0, count: x.cols)
    for i in 0..<x.rows {
      let residual = y[i, 0].doubleValue - mean
      for j in 0..<x.cols { gradients[j] += x[i, j].doubleValue * residual }
    }
    return gradients.allSatisfy { 2 * abs($0) / n <= l1 }
  }
}
