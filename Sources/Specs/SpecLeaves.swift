/// The scalar leaves of a YAML document, for exports that want a spec as flat parameters.
public enum SpecLeaves {
  /// The leaves of `text` (e.g. a `spec.resolved.yaml`) as (key path, text as written), in
  /// document order: `optimizer.learning_rate`, `model.layers[0].units`; a list of scalars is
  /// one leaf in flow style (`[accuracy, f1]`). Nil when the text does not parse.
  public static func read(yaml text: String, file: String) -> [(path: String, text: String)]? {
    guard case .success(let root) = YAMLReader(file: file, text: text).read() else { return nil }
    var leaves: [(path: String, text: String)] = []
    func visit(_ node: SpecNode, _ path: String) {
      switch node {
      case .scalar(let scalar): leaves.append((path, scalar.text))
      case .mapping(let mapping):
        for pair in mapping.entries {
          visit(pair.value, path.isEmpty ? pair.key : "\(path).\(pair.key)")
        }
      case .sequence(let sequence):
        if sequence.items.allSatisfy({ if case .scalar = $0 { true } else { false } }) {
          leaves.append((path, node.value.description))
        } else {
          for (index, item) in sequence.items.enumerated() { visit(item, "\(path)[\(index)]") }
        }
      }
    }
    visit(root, "")
    return leaves
  }
}
