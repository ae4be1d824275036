import Conventions

/// The top level: every key of `ExperimentSpec.keys` in order (each default may depend on the
/// keys before it: the loss on the model, the metrics on the loss, the output on the name).
extension SpecDecoder {
  mutating func decodeExperiment(_ root: SpecNode) -> ExperimentSpec? {
    guard let m = mapping(root, .root) else { return nil }
    (rootNode, datasetNode) = (root, m["dataset"])
    lossNode = m["loss"]
    trialDecided = Self.trialDecidedKeys(root)
    var spec = ExperimentSpec.unread(name: fallbackName)
    read(m, .root, ExperimentSpec.keys, into: &spec)
    // Unwritten, the base error is the generator's floor (`usesNoiseFloor`), else 0.
    if spec.report.biasVariance.baseError == nil, !spec.generatorKnowsNoiseFloor {
      spec.report.biasVariance.baseError = 0
    }
    checkPrecision(spec.dtype)
    // Refused only by rules across keys, the spec is read (`crossField`), to be validated too.
    return diagnostics.count { $0.severity == .error } > crossFieldErrors ? nil : spec
  }

  /// A run name: a single path component of letters, digits, `.`, `_`, `-`.
  mutating func runName(_ node: SpecNode, _ path: SpecPath) -> String? {
    guard let text = name(node, path) else { return nil }
    // Only ASCII letters, digits, `.`, `_` and `-`, like a file's default name.
    let cleaned = SpecLoader.cleanedName(text)
    if text == "." {
      return fail(
        node.location, "name '.' is the results directory itself; a run needs its own folder",
        fixIt: "name: \(fallbackName)")
    }
    if text == ".." || text.contains("/") || text.contains("\\") {
      if !allowOutsideResults {
        let escapes = text.hasPrefix("/") || text.split(separator: "/").contains("..")
        return fail(
          node.location,
          "name '\(text)' "
            + (escapes ? "would write outside the results directory" : "holds a folder separator"),
          note: "a name is one folder name; use `output` for a nested folder"
            + (escapes ? ", or pass --allow-outside-results" : ""))
      }
      return text
    }
    if text.hasPrefix(".") {
      return fail(
        node.location,
        "name '\(text)' may not start with '.' (such folders are the runner's own, like .history)",
        fixIt: "name: " + String(text.drop { $0 == "." }.isEmpty ? "run" : text.drop { $0 == "." }))
    }
    if text.hasPrefix("-") {
      // `runner compare -x` and `runner ls -x` would read the name as an option.
      let rest = SpecLoader.cleanedName(String(text.drop { $0 == "-" || $0 == "." }))
      return fail(
        node.location,
        "name '\(text.oneLineShort)' may not start with '-' (commands that take run names, "
          + "such as `runner compare`, would read it as an option)",
        fixIt: "name: " + (rest.contains { $0.isLetter || $0.isNumber } ? rest : fallbackName))
    }
    if cleaned != text {
      // Without a letter or digit left, the file's default name.
      return fail(
        node.location,
        "name '\(text.oneLineShort)' may contain only letters, digits, '.', '_' and '-'",
        note: "letters and digits are ASCII (a-z, A-Z, 0-9)",
        fixIt: "name: "
          + (cleaned.contains { $0.isLetter || $0.isNumber } ? cleaned : fallbackName))
    }
    return tooLong(text[...], node, "name") ? nil : text
  }

  /// Whether folder name `text` is over `ExperimentSpec.folderNameLimit` bytes (reported at
  /// `node` as `what`): file systems take 255, and a run's staging folder adds 38 to its name.
  mutating func tooLong(_ text: Substring, _ node: SpecNode, _ what: String) -> Bool {
    let limit = ExperimentSpec.folderNameLimit
    guard text.utf8.count > limit else { return false }
    error(
      node.location,
      "\(what) '\(String(text).oneLineShort)' is \(text.utf8.count) bytes long; a results "
        + "folder's name may have at most \(limit) (file systems take 255, and the runner adds "
        + "up to 38)",
      note: "choose a shorter name")
    return true
  }

  /// An output directory relative to the results directory, with no `..` and not absolute.
  mutating func outputPath(_ node: SpecNode, _ path: SpecPath) -> String? {
    guard let text = name(node, path) else { return nil }
    let components = text.split(separator: "/", omittingEmptySubsequences: false)
    let escapes =
      text.hasPrefix("/") || text.hasPrefix("~") || components.contains("..") || text.contains("\\")
    let named = components.filter { $0 != "." && !$0.isEmpty }
    if named.isEmpty {
      // `.` would make the results directory a run folder.
      return fail(
        node.location,
        "output '\(text)' is the results directory itself: a run needs a folder of its own, not one holding others",
        note: "give folder names below the results directory, e.g. `output: cat/run1`")
    }
    if components.contains(".") {
      // A run is named by its output as written: `a/./b` would be another name for `a/b`.
      return fail(
        node.location, "output '\(text)' has a '.' part: write its folders without it",
        fixIt: "output: " + named.joined(separator: "/"))
    }
    if let hidden = components.first(where: { $0.hasPrefix(".") && $0 != ".." }) {
      return fail(
        node.location,
        "output '\(text)' has a folder starting with '.' ('\(hidden)'): such folders are the runner's own, like .history"
      )
    }
    if let dashed = components.first(where: { $0.hasPrefix("-") }) {
      // A run is named by its output (`grp/run`) in `runner compare` and `runner ls`, and by
      // its last folders from a folder inside the results directory: no part may be an option.
      let undashed = components.map { part in
        let rest = String(part.drop { $0 == "-" })
        return part.hasPrefix("-") && rest.isEmpty ? "run" : rest
      }
      return fail(
        node.location,
        "output '\(text.oneLineShort)' "
          + (dashed == components.first
            ? "starts with '-'"
            : "has a folder starting with '-' ('\(String(dashed).oneLineShort)')")
          + ": commands that take run names, such as `runner compare`, would read it as "
          + "an option",
        fixIt: "output: " + undashed.joined(separator: "/"))
    }
    if escapes && !allowOutsideResults {
      return fail(
        node.location, "output '\(text)' would write outside the results directory",
        note:
          "give a path relative to the results directory without '..', or pass --allow-outside-results"
      )
    }
    return components.contains { tooLong($0, node, "output folder") } ? nil : text
  }

  mutating func decodeMetrics(_ node: SpecNode, _ path: SpecPath) -> [Metric]? {
    guard
      let metrics = list(
        node, path, allowSingle: true,
        { d, item, p in d.choice(item, p, Metric.self, what: "metric") })
    else { return nil }
    // (A list: one name alone cannot repeat.)
    for (i, metric) in metrics.enumerated() where metrics[..<i].contains(metric) {
      diagnostics.append(
        Diagnostic(
          .warning, at: node.location(ofItem: i), "metric '\(metric.rawValue)' is listed twice"))
    }
    var seen = Set<Metric>()
    return metrics.filter { seen.insert($0).inserted }
  }

  mutating func decodeRegularization(_ node: SpecNode, _ path: SpecPath) -> Regularization? {
    guard let m = mapping(node, path) else { return nil }
    checkKeys(m, path, allowed: Schema.children(of: "regularization")) { key in
      switch key {
      case "elastic_net": "give both l1 and l2 for elastic net"
      case "type": "write the strengths directly, e.g. `regularization: {l2: 0.01}`"
      case _ where CourseNames.penaltyStrengths.contains(key): CourseNames.penaltyAdvice
      default: nil
      }
    }
    return settings(m, path, Regularization.parameters, base: .none)
  }
}
