import Conventions

/// `dataset.split:` amounts (fraction, count or `rest`) and their consistency.
extension SpecDecoder {
  mutating func decodeSplit(_ node: SpecNode, _ path: SpecPath) -> SplitSpec? {
    guard let m = mapping(node, path) else { return nil }
    let before = diagnostics.count
    var split = SplitSpec()
    read(m, path, SplitSpec.keys, into: &split) { key in
      ["validation", "val", "valid"].contains(key) ? "the validation part is called 'dev'" : nil
    }

    // With an unknown part (a misspelt `dev`) the sums would only repeat that error.
    if diagnostics.count > before { return nil }
    let parts = [
      ("train", split.train), ("dev", split.dev), ("test", split.test),
      ("train_dev", split.trainDev),
    ]
    let rests = parts.filter { $0.1 == .rest }.map(\.0)
    if rests.count > 1 {
      return fail(
        m.location,
        "only one part of dataset.split can be 'rest' (got \(rests.joined(separator: ", ")))")
    }
    if split.trainDev == .rest {
      return fail(
        m["train_dev"]?.location ?? m.location,
        "dataset.split.train_dev cannot be 'rest': its rows come out of the training part",
        note: "give it a fraction of the data (0.1) or a count (40)")
    }
    let hasCounts = parts.contains { $0.1.count != nil }
    if let percent = percentParts(parts) {
      let at = m[percent[0].0]?.location ?? m.location
      let fractions = percent.map { "\($0.0): \(YAMLText.clean(Double($0.1) / 100))" }
        .joined(separator: ", ")
      // The fix-it rewrites the whole split only when the parts are all it holds.
      let alone = m.entries.count == percent.count
      return fail(
        at,
        "dataset.split's parts "
          + percent.map { "\($0.0): \($0.1)" }.joined(separator: ", ")
          + " sum to 100, but whole numbers are row counts, not percentages",
        note: "write the parts as fractions of the data" + (alone ? "" : ": \(fractions)"),
        fixIt: alone ? "split: {\(fractions)}" : nil)
    }
    // `train: 1` beside parts of none meant the whole data; a whole number is a row count, and
    // the run trained on one row of 442 (tester BU-17).
    if split.train == .count(1),
      parts.allSatisfy({ $0.0 == "train" || ($0.1.fraction ?? 0 == 0 && $0.1.count ?? 0 == 0) })
    {
      return fail(
        m["train"]?.location ?? m.location,
        "dataset.split.train: 1 is a count of one row, not the whole data",
        note: "a whole number is a count of rows; for all of them write the fraction 1.0",
        fixIt: "train: 1.0")
    }
    let sum = parts.compactMap { $0.1.fraction }.reduce(0, +)
    // A fraction of train_dev is of the whole data, like dev's and test's.
    let whole = split.trainDev.isEmpty ? nil : "train_dev is a fraction of the whole data too"
    // A part given with `--set` is where the sum was changed.
    let at =
      parts.compactMap { m[$0.0]?.location }.first {
        if case .override = $0.source { true } else { false }
      } ?? m.location
    if !hasCounts && rests.isEmpty && abs(sum - 1) > 1e-9 {
      return fail(
        at, "dataset.split fractions must sum to 1 (got \(YAMLText.clean(sum)))",
        note: "or leave one part out (train takes the rest by default)"
          + (whole.map { "; \($0)" } ?? ""))
    }
    if sum > 1 + 1e-9 {
      return fail(
        at, "dataset.split fractions sum to more than 1 (\(YAMLText.clean(sum)))",
        note: whole)
    }
    if split.train.isEmpty {
      return fail(m["train"]?.location ?? m.location, "dataset.split.train must not be empty")
    }
    // `train: rest` takes what the fractions leave, with train_dev's rows carved out of it.
    if split.train == .rest && !hasCounts && abs(sum - 1) <= 1e-9 {
      let taken = parts.filter { $0.1.fraction ?? 0 > 0 }
        .map { "\($0.0) \(YAMLText.clean($0.1.fraction!))" }
      return fail(
        at,
        "dataset.split leaves the training part (train: rest) no rows: "
          + taken.listed() + (taken.count == 1 ? " takes" : " take") + " the whole data",
        note: "lower them so they sum to less than 1; train takes what they leave"
          + (whole.map { " (\($0))" } ?? ""))
    }
    return split
  }

  /// The parts when every part written is a whole number and they sum to 100 (at least two):
  /// percentages written as row counts (`train: 80, test: 20`). nil otherwise.
  private func percentParts(_ parts: [(String, SplitAmount)]) -> [(String, Int)]? {
    let written = parts.filter { !$0.1.isEmpty }
    let counts = written.compactMap { p in p.1.count.map { (p.0, $0) } }
    guard counts.count >= 2, counts.count == written.count,
      counts.map(\.1).reduce(0, +) == 100
    else { return nil }
    return counts
  }

  /// `0.8` (a fraction: written with a decimal point or exponent), `353` (a count) or, where
  /// `rest` allows it, `rest`.
  mutating func splitAmount(_ node: SpecNode, _ path: SpecPath, rest: Bool = true) -> SplitAmount? {
    let expected = rest ? "a fraction, a count or 'rest'" : "a fraction or a count"
    guard let s = plainScalar(node, path, expected: expected) else { return nil }
    if s.isPlain && s.text == "rest" && rest { return .rest }
    if s.isPlain, let count = ScalarSyntax.integer(s.text) {
      if count < 0 {
        return fail(s.location, "\(path) must be ≥ 0 (got \(s.text))")
      }
      return count == 0 ? .fraction(0) : .count(count)
    }
    if s.isPlain, let fraction = ScalarSyntax.double(s.text) {
      guard (0...1).contains(fraction) else {
        return fail(
          s.location, "\(path) must be a fraction between 0 and 1 or a whole count (got \(s.text))")
      }
      return .fraction(fraction)
    }
    let percent = ScalarSyntax.percentFraction(s.text)
    return fail(
      s.location, "\(path) must be \(expected) (got \(node.kindDescription))",
      note: percent.map { "write \(s.text) as the fraction \(YAMLText.number($0))" },
      fixIt: path.lastKey == nil ? nil : percent.map { Self.fixIt(path, YAMLText.number($0)) })
  }
}

extension SplitAmount {
  /// The fraction, or nil for a count or `rest`.
  var fraction: Double? {
    if case .fraction(let f) = self { f } else { nil }
  }

  /// The count, or nil for a fraction or `rest`.
  var count: Int? {
    if case .count(let c) = self { c } else { nil }
  }

  /// The amount as the canonical spec writes it: `0.8`, `353` or `rest`.
  var specValue: SpecValue {
    switch self {
    case .fraction(let f): .number(f)
    case .count(let c): .integer(c)
    case .rest: .string("rest")
    }
  }
}

extension SplitSpec {
  /// The keys of `dataset.split:`.
  static let keys: [SpecKey<SplitSpec>] = [
    part("train", \.train, "Training part: a fraction (0.8), a count (353) or `rest`.", "0.8"),
    part("dev", \.dev, "Dev part (model selection, early stopping; 0 with a dev file).", "0.1"),
    part("test", \.test, "Test part (must stay 0 when a test file is given).", "89"),
    part(
      "train_dev", \.trainDev,
      "Train-dev part: rows of the training part held out and evaluated like dev, for the "
        + "data-mismatch diagnosis; a fraction of the data (like dev and test) or a count.",
      "0.05", type: "fraction or count"),
    .flag(
      "shuffle", \.shuffle, "Shuffle before splitting (false: parts in file order).",
      example: "false"),
    // Where they change nothing, the canonical spec leaves them out (`inertKeys`).
    .flag(
      "stratify", \.stratify,
      "Keep class proportions in every part (a classification loss only: a regression loss's "
        + "targets are not stratified, even when its metrics score them as classes).",
      example: "false"),
    .seed("seed", \.seed, "Seed of the split's shuffle and of the train-dev part.", example: "42"),
  ]

  private static func part(
    _ key: String, _ field: WritableKeyPath<SplitSpec, SplitAmount>, _ meaning: String,
    _ example: String, type: String = "fraction, count or rest"
  ) -> SpecKey<SplitSpec> {
    .value(
      key, field, type: type, default: nil, meaning, example: example,
      read: { d, n, p in d.splitAmount(n, p) },
      write: { b, key, v in b.add(key, flow: v.specValue) })
  }
}
