/// What the top-level `seed` changes: every random draw of a run derives from it, directly or
/// through a seed left to follow it (`dataset.split.seed`, `dataset.generator.seed`,
/// `report.bootstrap.seed`, `sweep.seed`: a seed written there has its own value). A spec that
/// draws nothing gives the same results under every seed, its `seed` column aside.
extension ExperimentSpec {
  /// What draws random numbers from the top-level seed in this spec, as read with `map` (where
  /// the section seeds were written); empty when nothing does. Conservative: a draw that may
  /// happen (a sweep axis that may make a trial draw, a validation curve's points) is listed,
  /// so that an empty list is never wrong. (Whether a curve's points draw is known once each is
  /// read: `SpecLoader.unusedSeedBesideCurve`.)
  public func seedReaders(_ map: SourceMap) -> [String] {
    seedReaders(following: { map.origin(of: $0)?.location == nil })
  }

  /// What draws random numbers in this spec, from the top-level seed or a section's own: empty
  /// when nothing is random. Then the seed changes nothing whatever else is written, and the
  /// canonical spec leaves it out (a re-run of `spec.resolved.yaml`, which writes every section
  /// seed, sees the same).
  public var randomDraws: [String] { seedReaders(following: { _ in true }) }

  /// Where nothing is random, every seed set to its default: none changes anything, and the
  /// canonical spec, which leaves them out, then reads back as this spec.
  mutating func resetSeedsWhereNothingIsRandom() {
    guard randomDraws.isEmpty else { return }
    (seed, dataset.split.seed) = (0, 0)
    if case .generator(var g) = dataset.source {
      g.seed = 0
      dataset.source = .generator(g)
    }
    report.bootstrap?.seed = 0
    sweep?.seed = 0
  }

  /// The section seeds (`dataset.split.seed`, …) with their values, where the spec has them.
  var sectionSeeds: [(path: SpecPath, value: UInt64)] {
    var seeds: [(SpecPath, UInt64)] = [("dataset.split.seed", dataset.split.seed)]
    if case .generator(let g) = dataset.source { seeds.append(("dataset.generator.seed", g.seed)) }
    if let bootstrap = report.bootstrap { seeds.append(("report.bootstrap.seed", bootstrap.seed)) }
    if let sweep { seeds.append(("sweep.seed", sweep.seed)) }
    return seeds
  }

  /// The readers of the top-level seed as a written seed is judged: a section seed written
  /// with the top-level seed's value counts as following it, as `spec.resolved.yaml` writes
  /// each derived one. Its re-run then warns where the original spec did, and nowhere else.
  func writtenSeedReaders(_ map: SourceMap) -> [String] {
    let sameValue = Set(sectionSeeds.filter { $0.value == seed }.map(\.path))
    return seedReaders(following: { map.origin(of: $0)?.location == nil || sameValue.contains($0) })
  }

  /// The readers of the top-level seed, where `follows` says which section seeds derive from it.
  private func seedReaders(following follows: (SpecPath) -> Bool) -> [String] {
    var readers: [String] = []
    func read(_ reader: String, if applies: Bool) { if applies { readers.append(reader) } }
    let inert = Set(inertKeys.map(\.path))
    // The data: the split's shuffle and train-dev draw, a generator's points or noise.
    read(
      "the split's shuffle",
      if: dataset.split.shuffle && !inert.contains("dataset.split.seed")
        && follows("dataset.split.seed"))
    if case .generator(let g) = dataset.source {
      read("the generator's draws", if: g.draws && follows("dataset.generator.seed"))
    }
    readers += trainingSeedReaders
    // The analyses: the bootstrap's resamples, the learning curve's nested draw, and a
    // validation curve's points, which may draw where the spec does not (a curve over dropout).
    read(
      "the bootstrap's resamples", if: report.bootstrap != nil && follows("report.bootstrap.seed"))
    read("the learning curve's draw", if: report.learningCurve != nil)
    read("the validation curve's points", if: report.validationCurve != nil)
    // A sweep: random and bayes draws, Hyperband's brackets, and every trial's own seed,
    // derived from this one (unless the seed is swept), which a trial may draw from.
    if let sweep {
      read("the sweep's draws", if: sweep.method.isDrawn && follows("sweep.seed"))
      read("Hyperband's brackets", if: sweep.method == .hyperband)
      read("the trials' seeds", if: sweep.axes.contains { $0.path != "seed" })
    }
    return readers
  }

  /// What draws from the seed in a validation curve's point: the spec trained once more, on
  /// data split and generated again, without the run's analyses (bootstrap, learning curve).
  /// A curve over `seed` where this is empty gives one figure at every value.
  public func curvePointSeedReaders(_ map: SourceMap) -> [String] {
    var point = curvePointTraining
    point.report.validationCurve = nil
    return point.seedReaders(map)
  }

  /// What draws from the seed in training itself (a sweep trial's own seed is derived for
  /// it): the exact solver draws nothing; a model draws its initial weights (any initializer
  /// but zeros), the mini-batches' order and dropout's masks.
  public var trainingSeedReaders: [String] {
    guard model.solver != .exact else { return [] }
    var readers: [String] = []
    if case .declared(let kind, _) = model.initialization, kind != .zeros {
      readers.append("the \(kind.rawValue) initialization")
    }
    if optimizer.trains && !optimizer.kind.isFullBatch && optimizer.shuffle {
      readers.append("the mini-batches' order")
    }
    if optimizer.trains && model.layers.contains(where: { $0.dropout > 0 }) {
      readers.append("dropout")
    }
    return readers
  }

  /// Why a seed changes nothing in a spec whose `seedReaders` are empty.
  public static let unusedSeedReason = "nothing in this spec is random"

  /// What makes a seed matter, for the note of an unused one.
  public static let seedMatters =
    "the seed matters once something is drawn: a shuffled split holding out a part, a "
    + "generator's noise, a random init, shuffled mini-batches, dropout, a bootstrap or a "
    + "learning curve"
}

extension SpecValidator {
  /// A top-level `seed` written (in the file or by `--set`) that nothing draws from: a warning,
  /// not an error (a seed is a habit, and harmless; scikit-learn takes `random_state` where
  /// nothing uses it); so is one whose draws all have their own section seed of another value
  /// (`writtenSeedReaders`). Not in a sweep trial or a curve point: their seed is the sweep's
  /// (an axis over it that no trial draws from is refused by the sweep's planning).
  mutating func checkUnusedSeed() {
    guard !inTrial, written("seed"), spec.writtenSeedReaders(map).isEmpty else { return }
    guard spec.randomDraws.isEmpty else {
      // Every draw has its own seed, written with another value.
      let own = spec.sectionSeeds.map(\.path).filter(written)
      let listed = own.map(\.description).joined(separator: ", ")
      return warning(
        "seed", "seed changes nothing: every draw has its own seed (\(listed))",
        note:
          "remove it, or leave out \(listed) to derive \(own.count == 1 ? "it" : "them") from it")
    }
    warning(
      "seed", "seed changes nothing: \(ExperimentSpec.unusedSeedReason)",
      note: "remove it; \(ExperimentSpec.seedMatters)")
  }

  /// A validation curve over `seed` where no point draws from it: every point trains the same
  /// model, so the curve is flat; refused at its parameter, as a sweep axis over that seed is.
  mutating func checkCurveOverUnusedSeed() {
    guard !inTrial, let curve = spec.report.validationCurve, curve.parameter == "seed",
      spec.curvePointSeedReaders(map).isEmpty
    else { return }
    error(
      "report.validation_curve.parameter",
      "the curve varies seed, which changes nothing: \(ExperimentSpec.unusedSeedReason)",
      note: "vary a key that changes training, e.g. parameter: regularization.l2; a point "
        + "draws from the seed through a shuffled split holding out a part, a generator's "
        + "noise, a random init, shuffled mini-batches or dropout")
  }
}

extension SpecLoader {
  /// The unused-seed warning of a spec (read as `spec` with `map`) whose validation curve's
  /// points draw nothing, as the loader finds once it has read each (a curve over
  /// `regularization.l2` with the exact solver and an unshuffled split): the spec's as if it
  /// had no curve, since the curve then draws no more than the run does.
  static func unusedSeedBesideCurve(_ spec: ExperimentSpec, map: SourceMap) -> [Diagnostic] {
    var plain = spec
    plain.report.validationCurve = nil
    var validator = SpecValidator(spec: plain, map: map)
    validator.checkUnusedSeed()
    return validator.diagnostics
  }
}
