/// The top level: decodes every section in dependency order (the seed and model come first
/// because other defaults depend on them).
extension SpecDecoder {
  mutating func decodeExperiment(_ root: SpecNode) -> ExperimentSpec? {
    let path = SpecPath.root
    guard let m = mapping(root, path) else { return nil }
    checkKeys(m, path, allowed: Schema.children(of: ""))

    let version = field(m, "version", in: path, default: 1) { d, node, p in
      guard let v = d.integer(node, p) else { return nil }
      return d.require(
        v == 1, node, "version must be 1 (got \(v)); this runner reads version 1 specs") ? v : nil
    }
    let name = field(m, "name", in: path, default: fallbackName) { d, node, p in d.runName(node, p)
    }
    let description = field(m, "description", in: path, default: "") { d, node, p in
      d.string(node, p)
    }
    let seed = field(m, "seed", in: path, default: UInt64(0)) { d, node, p in d.seed(node, p) }
    experimentSeed = seed
    let dtype = field(m, "dtype", in: path, default: DType.float64) { d, node, p in
      d.choice(node, p, DType.self, what: "dtype")
    }
    let threads = whole(m, "threads", in: path, default: 1, .within(1, 256))

    let model: ModelSpec? = requiredSection(m, "model") { d, node, p in d.decodeModel(node, p) }
    let dataset: DatasetSpec? = requiredSection(m, "dataset") { d, node, p in
      d.decodeDataset(node, p)
    }
    let defaultLoss = LossSpec(model?.definition.defaultLoss ?? .mse)
    let loss = field(m, "loss", in: path, default: defaultLoss) { d, node, p in
      d.decodeLoss(node, p)
    }
    self.loss = loss.kind
    let optimizer = section(m, "optimizer", in: path) { d, node, p in d.decodeOptimizer(node, p) }
    let regularization = field(m, "regularization", in: path, default: .none) {
      d, node, p in
      d.decodeRegularization(node, p)
    }
    let defaultMetrics: [Metric] = loss.kind.isClassification ? [.accuracy] : [.mse]
    let metrics = field(m, "metrics", in: path, default: defaultMetrics) { d, node, p in
      d.decodeMetrics(node, p)
    }
    let recordEvery = whole(m, "record_every", in: path, default: 1, .atLeast(1))
    let report = section(m, "report", in: path) { d, node, p in
      d.decodeReport(node, p)
    }
    let sweep = optionalField(m, "sweep", in: path) { d, node, p in
      d.decodeSweep(node, p)
    }
    let output = field(m, "output", in: path, default: name) { d, node, p in d.outputPath(node, p) }

    guard let model, let dataset, let optimizer, let report else { return nil }
    return ExperimentSpec(
      version: version, name: name, description: description, seed: seed, dtype: dtype,
      threads: threads, dataset: dataset, model: model, loss: loss, optimizer: optimizer,
      regularization: regularization, metrics: metrics, recordEvery: recordEvery, report: report,
      sweep: sweep, output: output)
  }

  /// A section that must be present: reports its absence at the top of the document.
  mutating func requiredSection<T>(
    _ m: SpecNode.Mapping, _ key: String, _ read: (inout SpecDecoder, SpecNode, SpecPath) -> T?
  ) -> T? {
    let example = Schema.keys.first { $0.path == key }?.example ?? "\(key): ..."
    let missing = "the spec has no '\(key)' section"
    guard let node = required(m, key, in: .root, missing, note: "add one, e.g. `\(example)`")
    else { return nil }
    return read(&self, node, SpecPath.root.appending(key))
  }

  /// A run name: a single path component of letters, digits, `.`, `_`, `-`.
  mutating func runName(_ node: SpecNode, _ path: SpecPath) -> String? {
    guard let text = name(node, path) else { return nil }
    let allowed = text.unicodeScalars.allSatisfy {
      ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil))
        || "._-".unicodeScalars.contains($0)
    }
    if text == "." || text == ".." || text.contains("/") || text.contains("\\") {
      if !allowOutsideResults {
        error(
          node.location, "name '\(text)' would write outside the results directory",
          note:
            "a name is one folder name; use `output` for a nested folder, or pass --allow-outside-results"
        )
        return nil
      }
      return text
    }
    if !allowed {
      error(
        node.location, "name '\(text)' may contain only letters, digits, '.', '_' and '-'",
        fixIt: "name: "
          + String(text.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" }))
      return nil
    }
    return text
  }

  /// An output directory relative to the results directory, with no `..` and not absolute.
  mutating func outputPath(_ node: SpecNode, _ path: SpecPath) -> String? {
    guard let text = name(node, path) else { return nil }
    let components = text.split(separator: "/", omittingEmptySubsequences: false)
    let escapes =
      text.hasPrefix("/") || text.hasPrefix("~") || components.contains("..") || text.contains("\\")
    if escapes && !allowOutsideResults {
      error(
        node.location, "output '\(text)' would write outside the results directory",
        note:
          "give a path relative to the results directory without '..', or pass --allow-outside-results"
      )
      return nil
    }
    return text
  }

  mutating func decodeMetrics(_ node: SpecNode, _ path: SpecPath) -> [Metric]? {
    guard
      let metrics = list(
        node, path, allowSingle: true,
        { d, item, p in d.choice(item, p, Metric.self, what: "metric") })
    else { return nil }
    var seen = Set<Metric>()
    var unique: [Metric] = []
    for (i, metric) in metrics.enumerated() {
      if seen.insert(metric).inserted {
        unique.append(metric)
      } else if case .sequence(let s) = node {
        diagnostics.append(
          Diagnostic(
            .warning, at: s.items[i].location, "metric '\(metric.rawValue)' is listed twice"))
      }
    }
    return unique
  }

  mutating func decodeRegularization(_ node: SpecNode, _ path: SpecPath) -> Regularization? {
    guard let m = mapping(node, path) else { return nil }
    checkKeys(m, path, allowed: Schema.children(of: "regularization")) { key in
      switch key {
      case "elastic_net": "give both l1 and l2 for elastic net"
      case "type": "write the strengths directly, e.g. `regularization: {l2: 0.01}`"
      case "lambda", "alpha", "C", "c", "strength":
        "write `l1` or `l2` in the objective mean loss + (l2/2)·‖w‖² + l1·‖w‖₁ (see docs/spec.md for conversions)"
      default: nil
      }
    }
    return settings(m, path, Regularization.parameters, base: .none)
  }
}
