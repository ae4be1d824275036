/// `dataset.generator:` the built-in generators and their per-kind parameters.
extension SpecDecoder {
  mutating func decodeGenerator(_ node: SpecNode, _ path: SpecPath) -> GeneratorSpec? {
    guard let m = typedSection(node, path, plainOnly: true) else { return nil }
    if case .scalar(let s)? = m["type"], LogicGate(rawValue: s.text) != nil {
      return fail(
        s.location, "'\(s.text)' is a gate, not a generator",
        fixIt: "generator: {type: gates, gate: \(s.text)}")
    }
    let all = Schema.children(of: "dataset.generator")
    let names = GeneratorSpec.Kind.allCases.map(\.rawValue)
    if reportsMisspeltType(m, path, allowed: all, names: names) { return nil }
    if m["type"] == nil { checkKeys(m, path, allowed: all) }
    guard let kind = type(m, path, GeneratorSpec.Kind.self, what: "generator") else { return nil }
    let takes = GeneratorSpec.keys(for: kind)
    let allowed = ["type"] + takes
    checkKeys(m, path, allowed: all)
    for entry in m.entries where !allowed.contains(entry.key) && all.contains(entry.key) {
      inapplicable(
        entry.keyLocation, "'\(entry.key)' does not apply to the \(kind.rawValue) generator",
        note: "it takes: " + takes.joined(separator: ", "))
    }

    var g = GeneratorSpec(kind: kind)
    for key in GeneratorSpec.keys where allowed.contains(key.name) { key.read(&self, m, path, &g) }
    if kind == .gates, g.samples % 4 != 0, let n = m["samples"] {
      error(n.location, "\(path).samples must be a multiple of 4 for gates (got \(g.samples))")
    } else if g.samples < g.fewestSamples, let n = m["samples"] ?? m["classes"] {
      let per = kind == .spirals ? " of \(g.classes) arms, two per arm" : ""
      error(
        n.location,
        "\(path).samples must be ≥ \(g.fewestSamples) for \(kind.rawValue)\(per) (got \(g.samples))"
      )
    }
    return g
  }

  /// `[low, high]` with low < high.
  mutating func interval(_ n: SpecNode, _ p: SpecPath) -> [Double]? {
    guard let r = numbers(n, p, minCount: 2), r.count == 2, r[0] < r[1] else {
      if diagnostics.last?.location != n.location {
        error(n.location, "\(p) must be [low, high] with low < high")
      }
      return nil
    }
    return r
  }

  /// blobs: one mean vector per class, at least two, all of one length.
  mutating func blobMeans(_ m: SpecNode.Mapping, _ path: SpecPath) -> [[Double]]? {
    let missing = "the blobs generator needs 'means' (one vector per class)"
    guard let meansNode = required(m, "means", in: path, missing, fixIt: "means: [[3, 4], [7, 6]]"),
      let means = list(
        meansNode, path.appending("means"), { d, n, p in d.numbers(n, p, minCount: 1) })
    else { return nil }
    guard means.count >= 2 else {
      return fail(
        meansNode.location, "\(path).means needs at least two classes (got \(means.count))")
    }
    guard means.allSatisfy({ $0.count == means[0].count }) else {
      return fail(meansNode.location, "\(path).means vectors must all have the same length")
    }
    return means
  }

  /// blobs: one symmetric covariance matrix with a positive diagonal per class of `means`.
  mutating func blobCovariances(_ n: SpecNode, _ p: SpecPath, means: [[Double]]) -> [[[Double]]]? {
    let dim = means.first?.count ?? 0
    guard
      let covs = list(
        n, p, { d, c, cp in d.list(c, cp, { d, row, rp in d.numbers(row, rp, minCount: 1) }) })
    else { return nil }
    guard covs.count == means.count else {
      return fail(n.location, "\(p) needs one matrix per class (\(means.count); got \(covs.count))")
    }
    for (i, cov) in covs.enumerated() {
      let square = cov.count == dim && cov.allSatisfy { $0.count == dim }
      let symmetric =
        square && (0..<dim).allSatisfy { a in (0..<dim).allSatisfy { b in cov[a][b] == cov[b][a] } }
      let positiveDiagonal = square && (0..<dim).allSatisfy { cov[$0][$0] > 0 }
      if !(square && symmetric && positiveDiagonal) {
        return fail(
          n.location(ofItem: i),
          "\(p)[\(i)] must be a symmetric \(dim)×\(dim) matrix with a positive diagonal")
      }
    }
    return covs
  }

  /// blobs: samples per class of `means`.
  mutating func blobSizes(_ n: SpecNode, _ p: SpecPath, means: [[Double]]) -> [Int]? {
    guard let sizes = list(n, p, { d, s, sp in d.integer(s, sp, .atLeast(1)) }) else { return nil }
    guard sizes.count == means.count else {
      return fail(n.location, "\(p) needs one size per class (\(means.count); got \(sizes.count))")
    }
    return sizes
  }

  /// A list of at least `minCount` finite numbers.
  mutating func numbers(_ node: SpecNode, _ path: SpecPath, minCount: Int) -> [Double]? {
    guard let values = list(node, path, { d, n, p in d.double(n, p) }) else { return nil }
    if values.count < minCount {
      return fail(
        node.location,
        "\(path) needs at least \(minCount) number\(minCount == 1 ? "" : "s") (got \(values.count))"
      )
    }
    return values
  }
}

extension GeneratorSpec {
  /// The keys of `dataset.generator:` besides `type`; each kind takes those `keys(for:)` names.
  static let keys: [SpecKey<GeneratorSpec>] = [
    .integer(
      "samples", \.samples, .within(1, 100_000_000),
      "Number of samples (gates: rows, a multiple of 4; moons and circles: at least 2; spirals: at least 2 per arm).",
      example: "256"),
    .number(
      "noise", \.noise, .nonNegative, "Standard deviation of Gaussian noise.", example: "0.25"),
    .seed("seed", \.seed, "The generator's seed.", example: "3"),
    numbers("weights", \.weights, "linear: true weights, one per feature.", example: "[5]"),
    .number("bias", \.bias, .any, "linear: true bias.", example: "7"),
    numbers(
      "coefficients", \.coefficients, "polynomial: coefficients of x⁰, x¹, ...",
      example: "[1, -2, 0.5]"),
    .value(
      "x_range", \.xRange, type: "[low, high]",
      default: nil, "Interval x is drawn from uniformly.", example: "[0, 1]",
      read: { d, n, p in d.interval(n, p) }, write: { b, key, v in b.add(key, numbers: v) }),
    .custom(
      "means", "list of vectors", default: "required for blobs", "blobs: one mean per class.",
      example: "[[3, 4], [7, 6]]",
      read: { d, m, path, g in g.means = d.blobMeans(m, path) ?? [] },
      write: { b, g in b.add("means", matrix: g.means) }),
    .custom(
      "covariances", "list of matrices", default: "identity",
      "blobs: one covariance matrix per class; left out, each is the identity (not written in "
        + "spec.resolved.yaml).", example: "[[[3, 0], [0, 1]], [[3, 0], [0, 2]]]",
      // Not written, it stays empty: identity, drawn without a d×d matrix per class.
      read: { d, m, path, g in
        guard !g.means.isEmpty else { return }
        g.covariances = d.field(m, "covariances", in: path, default: []) { d, n, p in
          d.blobCovariances(n, p, means: g.means)
        }
        // Identities written draw what the default does: one canonical spec (and trial ID).
        let identity = { (c: [[Double]]) in
          c.indices.allSatisfy { i in c[i].indices.allSatisfy { c[i][$0] == (i == $0 ? 1 : 0) } }
        }
        if g.covariances.allSatisfy(identity) { g.covariances = [] }
      },
      write: { b, g in
        guard !g.covariances.isEmpty else { return }
        b.add(
          "covariances",
          flow: .list(g.covariances.map { .list($0.map { .list($0.map(SpecValue.number)) }) }))
      }),
    .custom(
      "sizes", "list of integers", default: "100 per class", "blobs: samples per class.",
      example: "[100, 200]",
      read: { d, m, path, g in
        guard !g.means.isEmpty else { return }
        g.sizes = d.field(
          m, "sizes", in: path, default: Array(repeating: 100, count: g.means.count)
        ) { d, n, p in d.blobSizes(n, p, means: g.means) }
        g.samples = g.sizes.reduce(0, +)
      },
      write: { b, g in b.add("sizes", flow: .list(g.sizes.map(SpecValue.integer))) }),
    .choice("gate", \.gate, what: "gate", "gates: the logic gate.", example: "and"),
    .number(
      "factor", \.factor, .between(0, 1),
      "circles: inner radius over outer radius (scikit-learn's make_circles default, 0.8).",
      example: "0.3"),
    .integer("classes", \.classes, .within(2, 100), "spirals: number of arms.", example: "3"),
  ]

  private static func numbers(
    _ name: String, _ field: WritableKeyPath<GeneratorSpec, [Double]>, _ meaning: String,
    example: String
  ) -> SpecKey<GeneratorSpec> {
    .value(
      name, field, type: "list of numbers", default: nil, meaning, example: example,
      read: { d, n, p in d.numbers(n, p, minCount: 1) },
      write: { b, key, v in b.add(key, numbers: v) })
  }
}
