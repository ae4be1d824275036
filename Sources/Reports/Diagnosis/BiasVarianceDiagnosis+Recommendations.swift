import Conventions

extension BiasVarianceDiagnosis {
  /// What to try next, as changes to the spec, most promising first.
  public var recommendations: [String] {
    var advice: [String] = []
    if hasHighBias { advice += biasAdvice }
    if hasHighVariance { advice += varianceAdvice }
    if hasDataMismatch == true {
      advice.append(
        "reduce data mismatch: make the training data more like the dev/test data (collect or synthesize similar examples) and check that `dataset.preprocessing` treats every split alike"
      )
    }
    if advice.isEmpty {
      advice.append(
        variance == nil
          ? "add a `dev` or `test` split to the dataset so that variance can be measured"
          : "nothing stands out: train error is near the base error and held-out error near train error; lower the thresholds in `report.bias_variance` to look closer"
      )
    }
    return advice
  }

  private var biasAdvice: [String] {
    var advice: [String] = []
    if context.hiddenLayers == 0 {
      advice.append(
        "a bigger model: add a hidden layer (`model: {type: mlp, layers: [{units: 16, activation: relu}, {units: 1, activation: sigmoid}]}`, with the output layer your task needs)"
      )
    } else {
      advice.append(
        "a bigger model: add a hidden layer or more units to `model.layers` (e.g. another `{units: 32, activation: relu}` before the output)"
      )
    }
    if let length = context.trainingLength {
      advice.append(
        "train longer: raise `\(context.trainingLengthKey)` from \(length) to \(length * 2)")
    } else {
      advice.append("train longer: raise `\(context.trainingLengthKey)`")
    }
    if let l2 = context.l2, l2 > 0 {
      advice.append(
        "weaken regularization: lower `regularization.l2` from \(CSVCell.format(l2)) to \(CSVCell.format(l2 / 10))"
      )
    }
    advice.append("a better optimizer: `optimizer: {type: adam, learning_rate: 0.001}`")
    return advice
  }

  private var varianceAdvice: [String] {
    var advice: [String] = []
    if let l2 = context.l2, l2 > 0 {
      advice.append(
        "stronger regularization: raise `regularization.l2` from \(CSVCell.format(l2)) to \(CSVCell.format(l2 * 10))"
      )
    } else {
      advice.append("add regularization: `regularization: {l2: 0.1}`")
    }
    advice.append("more data: more training examples (or data augmentation)")
    if context.hiddenLayers > 0 {
      advice.append("a smaller model: fewer hidden layers or units in `model.layers`")
    }
    return advice
  }
}
