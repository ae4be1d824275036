/// The unit count of an mlp's output layer written without `units`: the one its loss and the
/// data take (one sigmoid unit, one per class, one per target column), as the data check would
/// refuse any other; said in words when only the data tells it.
extension SpecDecoder {
  /// The note and fix-it for the output layer `m` written without `units`: `units: 1` for
  /// binary_cross_entropy, `units: k` for cross_entropy on k classes the spec shows, `units: n`
  /// for a regression on n target columns the spec shows; no fix-it when only the data tells.
  func outputUnits(_ m: SpecNode.Mapping) -> (note: String?, fixIt: String?) {
    let activation = if case .scalar(let s)? = m["activation"] { s.text } else { "" }
    // Without `loss:`, an mlp's loss follows its output activation (`defaultLoss`).
    let loss: LossKind? =
      lossNode == nil
      ? (activation == "softmax"
        ? .crossEntropy : activation == "sigmoid" ? .binaryCrossEntropy : .mse)
      : writtenLoss
    let dataset = self.dataset
    let classes = dataset?.classesShown ?? 0
    let perClass = "the output (last) layer has one unit per class"
    switch loss {
    case .binaryCrossEntropy?:
      let note = "binary_cross_entropy trains one sigmoid output unit (for two classes)"
      return classes > 2 ? (note, nil) : (note, "units: 1")
    case .crossEntropy?:
      guard classes > 0, let dataset else {
        return (perClass + ": write the number of classes in the data (labels 0 to k−1)", nil)
      }
      return (
        perClass + ": \(classes) classes\(dataset.classesShownSource)", "units: \(classes)"
      )
    case nil:
      return (
        perClass + " for a classification loss, one per target column for a regression", nil
      )
    case .some:
      let perColumn = "the output (last) layer has one unit per target column"
      guard let columns = dataset?.targetColumnsShown else {
        return (perColumn + ": write the number of target columns in the data", nil)
      }
      let what = columns == 1 ? "one target per sample" : "\(columns) target columns"
      return (perColumn + ": the data has \(what)", "units: \(columns)")
    }
  }
}

extension DatasetSpec {
  /// The target columns the spec alone shows: one for a generator or a named dataset, a CSV
  /// file's named `target` columns; nil when only the data tells (an array file's target).
  var targetColumnsShown: Int? {
    switch source {
    case .generator, .named: 1
    case .file(let f), .files(let f, _, _):
      f.format == .csv && !f.targets.isEmpty ? f.targets.count : nil
    }
  }
}

extension SpecLoader {
  /// The index of the output layer a refusal says has no `units` when only the data tells how
  /// many (`outputUnits` gave no fix-it), when that is its only error: the caller that can read
  /// the data gives the count.
  public static func outputUnitsLeftToData(_ diagnostics: [Diagnostic]) -> Int? {
    let errors = diagnostics.filter { $0.severity == .error }
    guard errors.count == 1, let error = errors.first, error.fixIt == nil,
      let missing = error.missingKey?.components, missing.count == 4,
      missing[0] == .key("model"), missing[1] == .key("layers"), missing[3] == .key("units"),
      case .index(let layer) = missing[2]
    else { return nil }
    return layer
  }
}

extension SpecLoader {
  /// `units` (`units: 3`) as the fix-it of the layer at `location` written without units: the
  /// whole `{units: 3, activation: softmax}` when the layer is written in braces on its line,
  /// as every other fix-it of a flow item is (tester BM nit); `units` otherwise.
  public static func unitsFixIt(_ units: String, at location: SourceLocation?) -> String {
    guard let location, case .file = location.source, let line = location.lineText else {
      return units
    }
    let rest = String(String.UnicodeScalarView(line.unicodeScalars.dropFirst(location.column - 1)))
    guard let flow = rest.prefixMatch(of: /\{([^{}]*)\}/) else { return units }
    let inner = flow.output.1.trimmingCharacters(in: .whitespaces)
    return "{" + ([units] + [inner].filter { !$0.isEmpty }).joined(separator: ", ") + "}"
  }
}
