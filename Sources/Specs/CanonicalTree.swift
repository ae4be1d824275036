/// An ordered, fully resolved rendering tree of a spec: what `SpecWriter` prints. Every node
/// knows its key path so `explain` can say where each value came from.
/// A key and its node.
typealias CanonicalEntry = (key: String, node: CanonicalNode)

indirect enum CanonicalNode {
  /// A scalar already in YAML text form.
  case scalar(String, SpecPath)
  case mapping([CanonicalEntry], SpecPath)
  /// A list; `flow` prints it on one line (`[a, b]`).
  case list([CanonicalNode], SpecPath, flow: Bool)
  /// A default value that applies but is not printed (a layer's `dropout: 0`), so that specs
  /// without it keep their canonical text; a sweep still records the value it gives, and
  /// `runner ls` lists it (the text is the value as it would be written).
  case unwritten(String, SpecPath)

  var path: SpecPath {
    switch self {
    case .scalar(_, let p), .mapping(_, let p), .list(_, let p, _), .unwritten(_, let p): p
    }
  }

  /// Whether the node is printed (an `unwritten` default is not).
  var isWritten: Bool {
    if case .unwritten = self { false } else { true }
  }

  /// The flow-style text of the node (`[1, 2]`, `{a: 1}`).
  var flowText: String {
    switch self {
    case .scalar(let text, _): text
    case .unwritten: ""
    case .list(let items, _, _): "[" + items.map(\.flowText).joined(separator: ", ") + "]"
    case .mapping(let entries, _):
      "{"
        + entries.filter(\.node.isWritten).map { "\($0.key): \($0.node.flowText)" }
        .joined(separator: ", ") + "}"
    }
  }

  /// Whether the node holds `target` (a path within its own): a flow value holds any path in it.
  func holds(_ target: SpecPath) -> Bool {
    let children: [CanonicalNode]
    switch self {
    case .scalar: return true
    // A default's own path only: `normalization.momentum` does not apply under `none`.
    case .unwritten(_, let p): return target == p
    case .mapping(let entries, _): children = entries.map(\.node)
    case .list(let items, _, _): children = items
    }
    return target == path || children.first { target.isWithin($0.path) }?.holds(target) == true
  }

  /// The node without the entries at `paths` (keys that change nothing).
  func removing(_ paths: Set<SpecPath>) -> CanonicalNode {
    switch self {
    case .scalar, .unwritten: self
    case .list(let items, let p, let flow): .list(items.map { $0.removing(paths) }, p, flow: flow)
    case .mapping(let entries, let p):
      .mapping(
        entries.filter { !paths.contains($0.node.path) }.map { ($0.key, $0.node.removing(paths)) },
        p)
    }
  }
}

/// Builds canonical nodes with paths.
struct CanonicalBuilder {
  var entries: [CanonicalEntry] = []
  let path: SpecPath

  init(_ path: SpecPath) { self.path = path }

  mutating func add(_ key: String, _ text: String) {
    entries.append((key, .scalar(text, path.appending(key))))
  }
  mutating func add(_ key: String, int value: Int) { add(key, String(value)) }
  mutating func add(_ key: String, uint value: UInt64) { add(key, String(value)) }
  mutating func add(_ key: String, number value: Double) { add(key, YAMLText.number(value)) }
  mutating func add(_ key: String, bool value: Bool) { add(key, value ? "true" : "false") }
  mutating func add(_ key: String, string value: String) { add(key, YAMLText.string(value)) }
  /// A value on one line in flow style (`[0.5, 1.0]`, `[[1.0], [2.0]]`, `{range: [1, 5]}`).
  mutating func add(_ key: String, flow value: SpecValue) { add(key, YAMLText.flow(value)) }
  mutating func add(_ key: String, strings values: [String]) {
    add(key, flow: .list(values.map(SpecValue.string)))
  }
  mutating func add(_ key: String, numbers values: [Double]) {
    add(key, flow: .list(values.map(SpecValue.number)))
  }
  mutating func add(_ key: String, matrix rows: [[Double]]) {
    add(key, flow: .list(rows.map { .list($0.map(SpecValue.number)) }))
  }
  /// A default at `key` that applies but is left out of the text (`CanonicalNode.unwritten`),
  /// `text` being its value as it would be written.
  mutating func addUnwritten(_ key: String, _ text: String) {
    entries.append((key, .unwritten(text, path.appending(key))))
  }
  mutating func add(_ key: String, node: CanonicalNode) {
    entries.append((key, node))
  }
  /// A block list of mappings, one per item, each written by `build`.
  mutating func add<T>(
    _ key: String, items: [T], _ build: (inout CanonicalBuilder, T) -> Void
  ) {
    let p = path.appending(key)
    let nodes = items.enumerated().map { i, item in
      var b = CanonicalBuilder(p.appending(index: i))
      build(&b, item)
      return b.node
    }
    add(key, node: .list(nodes, p, flow: false))
  }
  mutating func add(_ key: String, _ build: (inout CanonicalBuilder) -> Void) {
    var child = CanonicalBuilder(path.appending(key))
    build(&child)
    entries.append((key, child.node))
  }

  var node: CanonicalNode { .mapping(entries, path) }
}

extension CanonicalNode {
  /// The node written at `target`, or the scalar (a flow value) holding it; nil when the tree
  /// does not write it (a default left out as changing nothing, a key that does not apply).
  func node(at target: SpecPath) -> CanonicalNode? {
    guard target.isWithin(path) else { return nil }
    switch self {
    case .scalar: return self
    case .unwritten: return nil
    case .mapping(let entries, _):
      return target == path ? self : entries.lazy.compactMap { $0.node.node(at: target) }.first
    case .list(let items, _, _):
      return target == path ? self : items.lazy.compactMap { $0.node(at: target) }.first
    }
  }
}

extension CanonicalNode {
  /// The defaults the node applies but does not write (`unwritten`), in the tree's order.
  var unwrittenDefaults: [(path: SpecPath, text: String)] {
    switch self {
    case .scalar: []
    case .unwritten(let text, let p): [(p, text)]
    case .mapping(let entries, _): entries.flatMap(\.node.unwrittenDefaults)
    case .list(let items, _, _): items.flatMap(\.unwrittenDefaults)
    }
  }
}
