/// The names the deep-learning course's notebooks give (`keep_prob`, `lambd`, `scale`,
/// `time_interval`): the student's value converted to the spec key each is (the key and where
/// it belongs come from `Suggestions.synonyms` and the schema), for the did-you-mean of an
/// unknown key.
enum CourseNames {
  /// How course name `word` written with `value` converts to its spec key, or nil for another
  /// word. `rows` gives the training rows when the spec alone tells them (`exact` false: about
  /// that many, a stratified split rounding per class).
  static func conversion(
    _ word: String, _ value: Double?, rows: () -> (count: Int, exact: Bool)?
  ) -> String? {
    let v = value.map(YAMLText.clean)
    switch word {
    case "keep_prob":
      return "dropout is the share dropped, 1 − keep_prob"
        + (value.map { ": keep_prob \(v!) is dropout: \(YAMLText.clean(1 - $0))" } ?? "")
    case "lambd", "lambda":
      let rule = "l2 is λ/m for a cost adding λ/(2m)·ΣW² over m training rows"
      guard let value, let v else { return rule }
      guard let (m, exact) = rows() else { return "\(rule): \(word) \(v) is l2: \(v)/m" }
      return "\(rule): \(word) \(v) over \(exact ? "the" : "about") \(m) rows is l2: "
        + YAMLText.clean(Double(String(format: "%.4g", value / Double(m))) ?? 0)
    case "scale": return "randn·\(v ?? "s") is normal with std: \(v ?? "s")"
    case "time_interval":
      return "the course's schedule_lr_decay is "
        + "{type: inverse_time, decay_rate, step_size: \(v ?? "time_interval")}"
    default: return nil
    }
  }
}

extension SpecDecoder {
  /// The training rows the spec's own `dataset` gives without reading data, for a course name's
  /// conversion: its split's `train` count, or about a generator's samples times the train
  /// fraction; nil otherwise.
  func knownTrainingRows() -> (count: Int, exact: Bool)? {
    guard let node = datasetNode else { return nil }
    var scratch = SpecDecoder(file: "", fallbackName: fallbackName, allowOutsideResults: true)
    guard let dataset = scratch.decodeDataset(node, "dataset") else { return nil }
    let s = dataset.split
    if case .count(let n) = s.train { return (n, true) }
    guard case .generator(let generator) = dataset.source, !s.hasCount else { return nil }
    let others = [s.dev, s.test, s.trainDev].reduce(0.0) {
      if case .fraction(let f) = $1 { $0 + f } else { $0 }
    }
    let share = if case .fraction(let f) = s.train { f } else { 1 - others }
    return (SplitAmount.fraction(share).trainingRows(of: generator.samples), false)
  }
}

extension CourseNames {
  /// Other tools' names for a penalty strength (scikit-learn's `alpha` and `C`), which are
  /// `regularization`'s `l1` or `l2` here, converted.
  static let penaltyStrengths: Set<String> = ["alpha", "C", "c", "strength"]

  /// What to write for a penalty strength of another tool.
  static let penaltyAdvice =
    "write `l1` or `l2` in the objective mean loss + (l2/2)·‖w‖² + l1·‖w‖₁ "
    + "(see docs/spec.md for conversions)"

  /// How the message names penalty strength `word`: "a penalty strength (scikit-learn's C)".
  static func penaltyNamed(_ word: String) -> String {
    word == "strength"
      ? "a penalty strength"
      : "a penalty strength (scikit-learn's \(word.uppercased() == "C" ? "C" : word))"
  }

  /// `; a penalty strength (scikit-learn's C) belongs in 'regularization': write …`, the
  /// clause a key message adds for `word`.
  static func penaltyHint(_ word: String) -> String {
    "; \(penaltyNamed(word)) belongs in 'regularization': " + penaltyAdvice
  }

  /// Whether `word` names another tool's strength, whose values a curve or an axis converts.
  static func isStrength(_ word: String) -> Bool {
    penaltyStrengths.contains(word) || conversion(word, nil, rows: { nil }) != nil
  }
}
