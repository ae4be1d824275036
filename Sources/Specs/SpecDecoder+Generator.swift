/// `dataset.generator:` the built-in generators and their per-kind parameters.
extension SpecDecoder {
  mutating func decodeGenerator(_ node: SpecNode, _ path: SpecPath, seed: UInt64) -> GeneratorSpec?
  {
    guard let m = typedSection(node, path, plainOnly: true) else { return nil }
    let kinds = GeneratorSpec.Kind.allCases.map(\.rawValue)
    guard let typeNode = typeNode(m, path, kinds: kinds) else { return nil }
    if case .scalar(let s) = typeNode, GeneratorSpec.Gate(rawValue: s.text) != nil {
      error(
        s.location, "'\(s.text)' is a gate, not a generator",
        fixIt: "generator: {type: gates, gate: \(s.text)}")
      return nil
    }
    guard
      let kind = choice(
        typeNode, path.appending("type"), GeneratorSpec.Kind.self, what: "generator")
    else { return nil }
    let allowed = ["type"] + GeneratorSpec.keys(for: kind)
    checkKeys(m, path, allowed: Schema.children(of: "dataset.generator")) { _ in nil }
    for entry in m.entries
    where !allowed.contains(entry.key)
      && Schema.children(of: "dataset.generator").contains(entry.key)
    {
      error(
        entry.keyLocation, "'\(entry.key)' does not apply to the \(kind.rawValue) generator",
        note: "it takes: " + GeneratorSpec.keys(for: kind).joined(separator: ", "))
    }

    var g = GeneratorSpec(kind: kind)
    g.xRange = GeneratorSpec.defaultXRange(for: kind)
    if kind == .gates { g.samples = 4 }
    /// Reads `key` over its default when this kind takes it.
    func read<T>(
      _ key: String, _ value: inout T, _ r: (inout SpecDecoder, SpecNode, SpecPath) -> T?
    ) {
      if allowed.contains(key) { value = field(m, key, in: path, default: value, r) }
    }
    read("samples", &g.samples) { d, n, p in d.integer(n, p, .within(1, 100_000_000)) }
    read("noise", &g.noise) { d, n, p in d.double(n, p, .nonNegative) }
    g.seed = seedField(m, in: path, experimentSeed: seed)
    read("weights", &g.weights) { d, n, p in d.numbers(n, p, minCount: 1) }
    read("bias", &g.bias) { d, n, p in d.double(n, p) }
    read("coefficients", &g.coefficients) { d, n, p in d.numbers(n, p, minCount: 1) }
    read("x_range", &g.xRange) { d, n, p in
      guard let r = d.numbers(n, p, minCount: 2), r.count == 2, r[0] < r[1] else {
        if d.diagnostics.last?.location != n.location {
          d.error(n.location, "\(p) must be [low, high] with low < high")
        }
        return nil
      }
      return r
    }
    read("gate", &g.gate) { d, n, p in d.choice(n, p, GeneratorSpec.Gate.self, what: "gate") }
    read("factor", &g.factor) { d, n, p in d.double(n, p, .between(0, 1)) }
    read("classes", &g.classes) { d, n, p in d.integer(n, p, .within(2, 100)) }
    if kind == .gates, g.samples % 4 != 0, let n = m["samples"] {
      error(n.location, "\(path).samples must be a multiple of 4 for gates (got \(g.samples))")
    }
    if kind == .blobs { decodeBlobs(m, path, into: &g) }
    return g
  }

  private mutating func decodeBlobs(
    _ m: SpecNode.Mapping, _ path: SpecPath, into g: inout GeneratorSpec
  ) {
    let missing = "the blobs generator needs 'means' (one vector per class)"
    guard let meansNode = required(m, "means", in: path, missing, fixIt: "means: [[3, 4], [7, 6]]")
    else { return }
    guard
      let means = list(
        meansNode, path.appending("means"), { d, n, p in d.numbers(n, p, minCount: 1) })
    else { return }
    guard means.count >= 2 else {
      error(meansNode.location, "\(path).means needs at least two classes (got \(means.count))")
      return
    }
    let dim = means[0].count
    guard means.allSatisfy({ $0.count == dim }) else {
      error(meansNode.location, "\(path).means vectors must all have the same length")
      return
    }
    g.means = means
    let identity = (0..<dim).map { i in (0..<dim).map { j in i == j ? 1.0 : 0.0 } }
    g.covariances = field(
      m, "covariances", in: path, default: Array(repeating: identity, count: means.count)
    ) { d, n, p in
      guard
        let covs = d.list(
          n, p, { d, c, cp in d.list(c, cp, { d, row, rp in d.numbers(row, rp, minCount: 1) }) })
      else { return nil }
      guard covs.count == means.count else {
        d.error(n.location, "\(p) needs one matrix per class (\(means.count); got \(covs.count))")
        return nil
      }
      for (i, cov) in covs.enumerated() {
        let square = cov.count == dim && cov.allSatisfy { $0.count == dim }
        let symmetric =
          square
          && (0..<dim).allSatisfy { a in (0..<dim).allSatisfy { b in cov[a][b] == cov[b][a] } }
        let positiveDiagonal = square && (0..<dim).allSatisfy { cov[$0][$0] > 0 }
        if !(square && symmetric && positiveDiagonal) {
          var location = n.location
          if case .sequence(let s) = n { location = s.items[i].location }
          d.error(
            location,
            "\(p)[\(i)] must be a symmetric \(dim)×\(dim) matrix with a positive diagonal")
          return nil
        }
      }
      return covs
    }
    g.sizes = field(m, "sizes", in: path, default: Array(repeating: 100, count: means.count)) {
      d, n, p in
      guard let sizes = d.list(n, p, { d, s, sp in d.integer(s, sp, .atLeast(1)) }) else {
        return nil
      }
      guard sizes.count == means.count else {
        d.error(n.location, "\(p) needs one size per class (\(means.count); got \(sizes.count))")
        return nil
      }
      return sizes
    }
    g.samples = g.sizes.reduce(0, +)
  }

  /// A list of at least `minCount` finite numbers.
  mutating func numbers(_ node: SpecNode, _ path: SpecPath, minCount: Int) -> [Double]? {
    guard let values = list(node, path, { d, n, p in d.double(n, p) }) else { return nil }
    if values.count < minCount {
      error(
        node.location,
        "\(path) needs at least \(minCount) number\(minCount == 1 ? "" : "s") (got \(values.count))"
      )
      return nil
    }
    return values
  }
}
