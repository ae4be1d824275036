import Datasets
import Reports
import Specs

extension PreparedData {
  /// The held-out parts that `dataset.split` took in file order (`shuffle: false`) and that
  /// have no row of some class the training part has: a class-sorted file (iris, a generator's
  /// rows) gives a one-class test part, whose accuracy says nothing of the model. Parts given as
  /// files, or a named dataset's own test part, are not the split's and are not judged; a class
  /// held out with no training row is warned of and advised on by itself (`emptyClasses`), none
  /// here then.
  func heldOutClassGaps(_ dataset: DatasetSpec) -> [HeldOutClassGap] {
    guard !dataset.split.shuffle, let trainLabels = train.classIndices,
      heldOutRowsOfUntrainedClasses.classes.isEmpty
    else { return [] }
    let trained = Set(trainLabels)
    guard trained.count > 1 else { return [] }
    var given: Set<String> = []
    if case .files(_, let devFile, let testFile) = dataset.source {
      if devFile != nil { given.insert("dev") }
      if testFile != nil { given.insert("test") }
    } else if dataset.hasTest, dataset.split.test.isEmpty {
      given.insert("test")
    }
    let parts = [("train_dev", trainDev), ("dev", dev), ("test", test)]
    // File order, unshuffled: train, train-dev, dev, test (docs/spec.md, "Data sources").
    let order = [trainLabels] + parts.compactMap { $0.1?.classIndices }
    let sorted = Self.sortedByClass(order.joined())
    let name = { (index: Int) in
      self.classNames.flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? String(index)
    }
    return parts.compactMap { part, partition in
      guard !given.contains(part), let labels = partition?.classIndices, !labels.isEmpty
      else { return nil }
      let held = Set(labels)
      let misses = trained.subtracting(held).sorted()
      guard !misses.isEmpty else { return nil }
      return HeldOutClassGap(
        part: part, holds: held.sorted().map(name), misses: misses.map(name),
        rows: labels.count, trainingClasses: trained.count, sortedByClass: sorted)
    }
  }

  /// Whether each class's rows come in one run, the runs in class order (rising or falling).
  static func sortedByClass<S: Sequence>(_ labels: S) -> Bool where S.Element == Int {
    var runs: [Int] = []
    for label in labels where runs.last != label { runs.append(label) }
    return runs.count > 1 && Set(runs).count == runs.count
      && (runs == runs.sorted() || runs == runs.sorted(by: >))
  }
}

extension LoadedSpec {
  /// The warnings of `gaps`, at `dataset.split.shuffle` where `shuffle: false` came from: the
  /// spec's value, a `--set`, or a sweep axis over `shuffle` (said of its `false`, at the axis,
  /// as a trial's data errors are). The fix-it shuffles only a gap whose order looks accidental
  /// (`HeldOutClassGap.looksAccidental`): rows ordered in time are held out in order on purpose.
  func heldOutClassWarnings(_ gaps: [HeldOutClassGap]) -> [Diagnostic] {
    let path = SpecPath("dataset.split.shuffle")
    let fromSet = sourceMap.origin(of: path)?.isOverride == true
    // A trial holds no `sweep`: its shuffle axis lists booleans, so `[true]` is what is left.
    let axis = "sweep.parameters.\(path)"
    let swept = sourceMap.swept[path] != nil
    let prefix = swept ? "with \(path) = false, " : ""
    let note = swept ? "sweep.parameters sets this value" : nil
    let fixIt =
      switch (swept, fromSet) {
      case (true, true): "--set '\(axis)=[true]'"
      case (true, false): "remove 'false' from \(axis)"
      case (false, true): "--set '~\(path)'"
      case (false, false): "remove 'shuffle: false'"
      }
    return gaps.map { gap in
      sourceMap.diagnostic(
        .warning, at: path, prefix + gap.finding + ": " + gap.cause, note: note,
        fixIt: gap.looksAccidental ? fixIt : nil)
    }
  }
}
