/// Turns a `SpecNode` tree into an `ExperimentSpec`, collecting every diagnostic on the way
/// and the origin of every value. Each section lives in its own `SpecDecoder+Section.swift`.
///
/// Decoding never stops at the first problem: a bad value is reported and replaced by its
/// default so the rest of the spec is still checked.
struct SpecDecoder {
  var diagnostics: [Diagnostic] = []
  var sourceMap: SourceMap
  /// The name used when the spec has none (the file's base name).
  let fallbackName: String
  /// Allow `name`/`output` to leave the results directory.
  let allowOutsideResults: Bool
  /// The experiment's seed, once read: the default of every section's `seed`.
  var experimentSeed: UInt64 = 0
  /// The experiment's loss, once read: classification or regression defaults follow it.
  var loss = LossKind.mse
  /// Whether the run's outputs are judged as classes (`ExperimentSpec.judgesClasses`), once
  /// the loss and the metrics are read: the bias/variance keys' range and defaults follow it.
  var judgesClasses = false
  /// Decoding a sweep trial or curve point (`SpecOptions.variant`): keys its values make not apply
  /// are warnings (`inapplicable`).
  var variant = false
  /// Where the key a variant varies is written (`SpecOptions.variedKey`): refused there.
  var variedKey: SourceLocation?
  /// The base spec of a sweep: keys whose kind an axis sets (`trialDecidedKeys`), left to
  /// each trial to accept or leave out.
  var trialDecided: Set<SourceLocation> = []
  /// The model, once read: its solver (`decodeBudget`) and family (`decodeOptimizer`).
  var model: ModelSpec?
  /// Whether the model's solver is exact (`decodeBudget`).
  var exactSolver: Bool { model?.solver == .exact }
  /// The spec's `dataset` node, once the top level is read (`knownTrainingRows`).
  var datasetNode: SpecNode?
  /// The dataset, once read (`outputUnits`: the classes and target columns it shows).
  var dataset: DatasetSpec?
  /// The spec's tree, once the top level is read (`keyPathRefusals`).
  var rootNode: SpecNode?
  /// Whether the spec's `optimizer.type` is written as rmsprop (whose `alpha` is a decay rate).
  var optimizerIsRMSprop: Bool {
    if case .scalar(let s)? = rootNode?.child("optimizer", "type") {
      s.text == "rmsprop"
    } else {
      false
    }
  }
  /// The spec's `loss` node, once the top level is read (`writtenLoss`, for the output layer).
  var lossNode: SpecNode?
  /// How many of the errors are a rule across keys each valid alone (`crossField`, a key of
  /// another kind): such an error keeps the spec read, so the validator's rules run beside it.
  var crossFieldErrors = 0
  /// The keys of a list's last item written in its dash's column (`reportsKeyBelowListItem`),
  /// by their path in the item (`model.layers[1].activation`): already reported as that slip.
  var keysBelowTheirItem: Set<String> = []
  /// Every real number read, with its key, text and place (`checkPrecision`).
  var reals: [(path: SpecPath, value: Double, text: String, location: SourceLocation)] = []

  init(file: String, fallbackName: String, allowOutsideResults: Bool) {
    self.sourceMap = SourceMap(file: file)
    self.fallbackName = fallbackName
    self.allowOutsideResults = allowOutsideResults
  }

  // MARK: Diagnostics

  mutating func error(
    _ location: SourceLocation?, _ message: String, note: String? = nil, fixIt: String? = nil
  ) {
    // A text YAML folded from several lines (`accuracy` then `    f1`) is quoted on one line.
    let message = message.replacingOccurrences(of: "\n", with: "\\n")
    diagnostics.append(Diagnostic(.error, at: location, message, note: note, fixIt: fixIt))
  }

  /// An error of a rule across keys each valid alone (`features` listing the target), which
  /// leaves the spec read as written: the validator's rules are still checked (`resolve`).
  mutating func crossField(
    _ location: SourceLocation?, _ message: String, note: String? = nil, fixIt: String? = nil
  ) {
    error(location, message, note: note, fixIt: fixIt)
    crossFieldErrors += 1
  }

  /// Reports an error and gives nil: `return fail(at, "…")` ends a reader that found a problem.
  mutating func fail<T>(
    _ location: SourceLocation?, _ message: String, note: String? = nil, fixIt: String? = nil
  ) -> T? {
    error(location, message, note: note, fixIt: fixIt)
    return nil
  }

  /// A key that does not apply to the kind chosen: refused, or in a variant (whose axis or curve
  /// value made it so) a warning, the key being left out of its spec.
  mutating func inapplicable(_ location: SourceLocation?, _ message: String, note: String? = nil) {
    if !variant, let location, trialDecided.contains(location) { return }
    let inTrial = variant && location != variedKey
    diagnostics.append(.inapplicable(at: location, message, note: note, inTrial: inTrial))
    if !inTrial { crossFieldErrors += 1 }  // the key is left out of the spec
  }

  mutating func record(_ path: SpecPath, _ node: SpecNode) {
    sourceMap.set(path, Self.origin(of: node.location))
  }

  static func origin(of location: SourceLocation) -> Origin {
    switch location.source {
    case .file: .file(location)
    case .override: .override(location)
    }
  }

  // MARK: Mappings

  /// The node as a mapping, or an error saying what it should hold (`example`, or the key's).
  mutating func mapping(_ node: SpecNode, _ path: SpecPath, example: String? = nil)
    -> SpecNode.Mapping?
  {
    if case .mapping(let m) = node { return m }
    let what = path.components.isEmpty ? "the spec" : "\(path)"
    let example = example ?? Schema.keys.first { $0.path == "\(path)" }?.example
    // Its keys indented with U+3000 are read at the level above, each refused there.
    if keysBelowIdeographicIndented(node) { return nil }
    if case .scalar(let s) = node, let slip = colonWithoutSpace(s, in: path) {
      diagnostics.append(slip)
      return nil
    }
    // A key written with a look-alike colon (`learning_rate： [0.1]`) made it text: mended.
    var fixIt: String? = nil
    if case .scalar(let s) = node, s.isPlain, let line = s.location.lineText?.unicodeScalars,
      let index = YAMLReader.keyColon(of: s.text, at: s.location.column, in: Array(line))
    {
      fixIt = YAMLReader.mended(Array(line), colonAt: index)
    }
    return fail(
      node.location, "\(what) must be a mapping of keys (got \(node.kindDescription))",
      note: example.map { "e.g. `\($0)`" }, fixIt: fixIt)
  }

  /// A section that may be written as its type alone: `optimizer: adam` reads as
  /// `optimizer: {type: adam}` (the type keeps the scalar's location). `plainOnly` takes only an
  /// unquoted scalar as the shorthand.
  mutating func typedSection(_ node: SpecNode, _ path: SpecPath, plainOnly: Bool = false)
    -> SpecNode.Mapping?
  {
    if case .scalar(let s) = node, !s.isNull, !plainOnly || s.isPlain {
      if s.isPlain, let slip = keyWithoutColon(s, in: path) {
        diagnostics.append(slip)
        return nil
      }
      if s.isPlain, let slip = lookAlikeColons(s, in: path) ?? colonWithoutSpace(s, in: path) {
        diagnostics.append(slip)
        return nil
      }
      return SpecNode.Mapping(
        entries: [.init(key: "type", keyLocation: s.location, value: node)], location: s.location)
    }
    return mapping(node, path)
  }

  /// The node of a required `key` of `m`, recorded; nil after an error (`message`, by default
  /// "<path> has no '<key>'") at the mapping when it is absent.
  mutating func required(
    _ m: SpecNode.Mapping, _ key: String, in path: SpecPath, _ message: String? = nil,
    note: String? = nil, fixIt: String? = nil
  ) -> SpecNode? {
    guard let node = m[key] else {
      // Written below its list item, in the dash's column: that slip is the error.
      if keysBelowTheirItem.contains("\(path.appending(key))") { return nil }
      error(m.location, message ?? "\(path) has no '\(key)'", note: note, fixIt: fixIt)
      diagnostics[diagnostics.count - 1].missingKey = path.appending(key)
      return nil
    }
    record(path.appending(key), node)
    return node
  }

  /// The section's required `type`, one of `E`'s names (a `what`; its absence noted with them).
  mutating func type<E: RawRepresentable & CaseIterable>(
    _ m: SpecNode.Mapping, _ path: SpecPath, _: E.Type, what: String, fixIt: String? = nil
  ) -> E? where E.RawValue == String {
    let note = "one of: " + E.allCases.map(\.rawValue).joined(separator: ", ")
    return required(m, "type", in: path, note: note, fixIt: fixIt).flatMap {
      choice($0, path.appending("type"), E.self, what: what)
    }
  }

  /// Reports every key of `mapping` not in `allowed`, with a suggestion. `misplaced` maps a key
  /// to a note explaining where it belongs instead; `notFor`, a key of another kind (e.g. of
  /// another optimizer: `inapplicable`).
  mutating func checkKeys(
    _ mapping: SpecNode.Mapping, _ path: SpecPath, allowed: [String],
    misplaced: (String) -> String? = { _ in nil }, notFor: (String) -> String? = { _ in nil }
  ) {
    for entry in mapping.entries where !allowed.contains(entry.key) {
      let place = path.components.isEmpty ? "" : " in \(path)"
      let notAllowed = "'\(entry.key)' is not allowed\(place): "
      if let note = notFor(entry.key) {
        // Another tool's name for a key of this kind (the course's β₂ for rmsprop's alpha).
        let instead =
          Suggestions.synonym(of: entry.key, among: allowed) == nil
          ? "" : Suggestions.didYouMean(entry.key, among: allowed)
        // rmsprop's `alpha` under adam: perhaps scikit-learn's penalty strength.
        let penalty =
          CourseNames.penaltyStrengths.contains(entry.key)
          ? CourseNames.penaltyHint(entry.key) : ""
        inapplicable(
          entry.keyLocation, notAllowed + note + instead + penalty,
          note: setByOverride(mapping, path, entry))
        continue
      }
      if let note = misplaced(entry.key) {
        error(entry.keyLocation, notAllowed + note)
        continue
      }
      // `model:` left empty, its keys below it not indented: `type: logreg` in its column.
      if case .file = entry.keyLocation.source,
        let section = mapping.entries.last(where: {
          allowed.contains($0.key) && $0.keyLocation.line < entry.keyLocation.line
        }), case .scalar(let s) = section.value, s.isNull,
        section.keyLocation.column == entry.keyLocation.column,
        Schema.children(of: path.appending(section.key).schemaPattern).contains(entry.key)
      {
        let what = place.isEmpty ? "a top-level key" : "a key of \(path)"
        error(
          entry.keyLocation,
          "'\(entry.key)' is not \(what); did you mean to indent it under '\(section.key):' "
            + "(line \(section.keyLocation.line))?",
          fixIt: entry.keyLocation.lineText.map { "  " + $0 })
        continue
      }
      if reportsKeyBelowListItem(entry, in: mapping, path) { continue }
      var message = "unknown key '\(entry.key)'\(LookAlikes.named(in: entry.key))\(place)"
      var note: String?
      if entry.key == "betas", allowed.contains("beta2") {
        // PyTorch's `betas=(0.9, 0.999)` pair, written as two keys here.
        let pair = entry.value.items?.map { YAMLText.flow($0.value) }
        error(
          entry.keyLocation, message + "; PyTorch's betas=(b1, b2) are beta1 and beta2 here",
          fixIt: pair?.count == 2
            ? "beta1: \(pair![0]), beta2: \(pair![1])" : "beta1: 0.9, beta2: 0.999")
        continue
      }
      if let (hint, fixIt) = Self.weightsAndBiasesHint(entry, at: path) {
        error(entry.keyLocation, message + hint, fixIt: fixIt)
        continue
      }
      if Self.topLevelKeys.contains(entry.key), !path.components.isEmpty,
        !path.schemaPattern.hasPrefix("sweep")
      {
        // `report: {metrics: [...]}`, `model: {regularization: ...}`: one level too deep.
        error(
          entry.keyLocation,
          message + "; '\(entry.key)' belongs at the top level, not in '\(path)'",
          note: "move `\(entry.key): \(YAMLText.flow(entry.value.value))` out of \(path), "
            + "to the top level (not indented)")
        continue
      }
      let course = CourseNames.conversion(entry.key, entry.value.value.doubleValue) {
        knownTrainingRows()
      }
      let suggestion = Suggestions.didYouMean(entry.key, among: allowed, caveat: course)
      if !suggestion.isEmpty {
        message += suggestion
      } else if entry.key == "beta", path.schemaPattern == "optimizer" {
        // The course's momentum β under a rule without momentum (gd, sgd).
        message +=
          "; for the course's momentum β write type: momentum ("
          + Suggestions.courseMomentum + ")"
      } else if CourseNames.penaltyStrengths.contains(entry.key),
        path.schemaPattern != "regularization"
      {
        // scikit-learn's penalty strength, unless it is rmsprop's decay rate (`alpha`).
        message += CourseNames.penaltyHint(entry.key)
        if Schema.home(ofKey: entry.key) == "optimizer" {
          message +=
            "; rmsprop's decay rate '\(entry.key)' belongs in 'optimizer'"
            + (optimizerIsRMSprop ? "" : " with type: rmsprop")
        }
      } else if let home = Schema.home(ofKey: entry.key), home != path.schemaPattern {
        message += "; '\(entry.key)' belongs in '\(Self.shown(home))'"
        note = "expected one of: " + allowed.joined(separator: ", ")
      } else if let (key, home) = Suggestions.home(ofSynonym: entry.key, awayFrom: path) {
        // A course name (`keep_prob` at the top level) with its value converted.
        message +=
          "; '\(entry.key)' belongs in '\(Self.shown(home))' as '\(key)'"
          + (course.map { " (\($0))" } ?? "")
        note = "expected one of: " + allowed.joined(separator: ", ")
      } else if entry.key == "<<" {
        note = "YAML merge keys are not supported: write the keys out"
      } else {
        note = "expected one of: " + allowed.joined(separator: ", ")
      }
      error(entry.keyLocation, message, note: note)
    }
  }

  /// How to drop `entry`, refused by the section's `type`, when `--set` gave that type (the
  /// file's own line says another type): edit that same `--set` value when it holds the key
  /// too, drop the key's own `--set` when one gave it, else remove the key with a second
  /// `--set`; nil for a type written in the file.
  func setByOverride(_ mapping: SpecNode.Mapping, _ path: SpecPath, _ entry: SpecNode.Pair)
    -> String?
  {
    guard case .override(let text)? = mapping["type"]?.location.source else { return nil }
    let type = path.appending("type")
    if case .override(text) = entry.keyLocation.source {
      return "\(path.appending(entry.key)) and \(type) come from the same `--set \(text)`: "
        + "edit that value (drop '\(entry.key)', or write the type it belongs to)"
    }
    if case .override(let own) = entry.keyLocation.source {
      return "\(type) was set by `--set \(text)`; drop `--set \(own)`, whose key that type "
        + "does not take"
    }
    return "\(type) was set by `--set \(text)`; remove the key too with "
      + "`--set '~\(path.appending(entry.key))'`"
  }

  /// The top-level keys a section might hold by mistake (a name or version may be its own).
  static let topLevelKeys = Schema.children(of: "").filter {
    !["version", "name", "description"].contains($0)
  }

  /// A schema section as a message names it: `model.layers[i]` for the pattern `model.layers[]`.
  static func shown(_ section: String) -> String {
    section.replacingOccurrences(of: "[]", with: "[i]")
  }

  /// Reads `key` from `mapping` with `read`, like `optionalField`; an absent key (recorded as
  /// taking its default) or an unreadable value (after its error) gives `fallback`.
  mutating func field<T>(
    _ mapping: SpecNode.Mapping?, _ key: String, in parent: SpecPath, default fallback: T,
    _ read: (inout SpecDecoder, SpecNode, SpecPath) -> T?
  ) -> T {
    let path = parent.appending(key)
    if mapping?[key] == nil, sourceMap.origin(of: path) == nil { sourceMap.set(path, .default) }
    return optionalField(mapping, key, in: parent, read) ?? fallback
  }

  /// A whole number at `key` meeting `check`, read like `field`.
  mutating func whole(
    _ m: SpecNode.Mapping?, _ key: String, in parent: SpecPath, default fallback: Int,
    _ check: NumberCheck
  ) -> Int {
    field(m, key, in: parent, default: fallback) { d, n, p in d.integer(n, p, check) }
  }

  /// Section `key` read with `read`; an absent or unreadable section reads as an empty mapping,
  /// so each of its keys gets (and records) its default.
  mutating func section<T>(
    _ m: SpecNode.Mapping, _ key: String, in parent: SpecPath,
    _ read: (inout SpecDecoder, SpecNode, SpecPath) -> T?
  ) -> T? {
    let empty = SpecNode.mapping(.init(entries: [], location: m.location))
    return field(m, key, in: parent, default: nil, read)
      ?? read(&self, empty, parent.appending(key))
  }

  /// The value at `key` read with `read`, recording where it came from; nil when the key is
  /// absent (for optional sections) or the value unreadable (after its error).
  mutating func optionalField<T>(
    _ mapping: SpecNode.Mapping?, _ key: String, in parent: SpecPath,
    _ read: (inout SpecDecoder, SpecNode, SpecPath) -> T?
  ) -> T? {
    guard let node = mapping?[key] else { return nil }
    record(parent.appending(key), node)
    return read(&self, node, parent.appending(key))
  }
}
