/// The number a resolved spec holds at a key path, read from its canonical rendering, so that
/// any key a validation curve varies can be read without a list of keys.
extension ExperimentSpec {
  /// The number the spec writes at `path` (`optimizer.learning_rate`: 0.0003); nil when it
  /// writes no number there (a mapping, a list, a string, a default left unwritten).
  public func number(at path: SpecPath) -> Double? {
    guard case .scalar(let text, let at)? = SpecWriter.tree(self).node(at: path), at == path
    else { return nil }
    return Double(text)
  }
}
