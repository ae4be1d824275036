/// The output layer each loss takes, for the fix-it of an mlp's output layer left without an
/// activation or written `identity` (PyTorch's plain `Linear` producing logits).
extension LossKind {
  /// The output activation this loss takes, and the note naming PyTorch's equivalent.
  var outputLayer: (activation: ActivationKind, note: String) {
    switch self {
    case .crossEntropy:
      (
        .softmax,
        "PyTorch's Linear + CrossEntropyLoss (on logits) is exactly a softmax output layer + "
          + "cross_entropy here (softmax is fused with the log-likelihood for stability)"
      )
    case .binaryCrossEntropy:
      (
        .sigmoid,
        "PyTorch's Linear + BCEWithLogitsLoss (on logits) is exactly a sigmoid output layer + "
          + "binary_cross_entropy here (fused for stability)"
      )
    case .mse, .mae, .huber:
      (.identity, "a regression's output layer is identity, PyTorch's plain Linear")
    }
  }
}

extension SpecDecoder {
  /// The loss the spec writes (`loss: cross_entropy` or `{type: …}`), read before the model:
  /// nil when it gives none or an unknown one.
  var writtenLoss: LossKind? {
    let node = if case .mapping(let m)? = lossNode { m["type"] } else { lossNode }
    guard case .scalar(let s)? = node else { return nil }
    return LossKind(rawValue: s.text)
  }
}
