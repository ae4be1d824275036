import Engine

extension DataLoader {
  /// Loads, splits and preprocesses the data of `configuration` as `T` (float32 or float64).
  ///
  /// Statistics of fitted steps come from the training set only and are applied unchanged to
  /// train-dev, dev and test. Every error carries the `DataReference` it arose at.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public func prepare<T: Scalar>(_ configuration: DataConfiguration, as _: T.Type = T.self)
    throws(DataFailure) -> PreparedData<T>
  {
    let sets = try self.sets(configuration)
    var train = sets.train
    let featureShape = Array(train.features.shape.dropFirst())
    // Features of more than two axes without `flatten`: located at the value naming them, as
    // every other error about what a file holds.
    let (source, part) = configuration.split.sources[0]
    try DataFailure.at(.source(part, source.featuresField)) {
      try train.features.checkAxes(flatten: configuration.preprocessing.contains(.flatten))
    }
    // A NaN or infinity a file holds is located at the value naming the features, as its axes
    // are, not at the preprocessing that would have read it.
    let given = configuration.split.sources
    for (data, part) in [
      (train, .train), (sets.trainDev, .train), (sets.dev, .dev), (sets.test, .test),
    ]
      as [(LabeledArrays?, DataReference.Part)]
    {
      guard let data else { continue }
      let source = given.first { $0.part == part } ?? given[0]
      try DataFailure.at(.source(source.part, source.source.featuresField)) {
        try data.features.checkFinite()
      }
    }
    let trainCells = FeatureCells(train)
    let (fitted, trainX) = try DataFailure.at(.preprocessing) {
      try FittedPreprocessing.fit(
        configuration.preprocessing, train: train.features, as: T.self, cells: trainCells)
    }
    let steps = configuration.preprocessing
    let unfitted =
      configuration.keepsUnfittedFeatures && steps.contains(where: \.isFitted)
      ? UnfittedFeatures(
        steps: steps, train: train.features, dev: sets.dev?.features, test: sets.test?.features,
        cells: (
          trainCells, sets.dev.flatMap(FeatureCells.init),
          sets.test.flatMap(FeatureCells.init)
        ))
      : nil
    // The training features now live in `trainX`; drop the file-typed copy before the other
    // sets are converted, to keep peak memory near the size of the matrices.
    train.features = train.features.samples([])
    func partition(_ name: String, _ data: LabeledArrays, features: Matrix<T>? = nil)
      throws(DataFailure) -> Partition<T>
    {
      try DataFailure.at(.preprocessing) {
        guard let targets = data.targets else {
          throw DataError.invalidConfiguration(
            "\(data.features.origin): the \(name) set has no targets")
        }
        return Partition(
          name: name,
          features: try features
            ?? fitted.transform(data.features, as: T.self, cells: FeatureCells(data)),
          targets: try FittedPreprocessing.checkTargets(
            fitted.targets(targets, kind: configuration.target, as: T.self), read: targets,
            lines: data.tableLines),
          classIndices: try configuration.labels(data.targets))
      }
    }
    var prepared = PreparedData(
      train: try partition("train", train, features: trainX),
      dev: try sets.dev.map { data throws(DataFailure) in try partition("dev", data) },
      trainDev: try sets.trainDev.map { data throws(DataFailure) in
        try partition("train_dev", data)
      },
      test: try sets.test.map { data throws(DataFailure) in try partition("test", data) },
      preprocessing: fitted,
      classNames: configuration.classNames ?? train.classNames,
      featureNames: train.featureNames,
      trueParameters: train.trueParameters, unusedColumns: train.unusedColumns)
    prepared.unfitted = unfitted
    prepared.featureShape = featureShape
    prepared.rowNumberColumns = train.rowNumberColumns
    if case .classification = configuration.target, prepared.classNames == nil {
      let found = [sets.train, sets.trainDev, sets.dev, sets.test].map {
        $0.map { LabeledTargets(targets: $0.targets, classNames: nil, tableLines: $0.tableLines) }
      }
      prepared.largestLabel = Self.largestLabel(in: found)
      prepared.labelGap = LabelGaps.describe(found, parts: [.train, .train, .dev, .test])
    }
    return prepared
  }

  /// Every source of `configuration` read, in `split.sources` order (train, dev, test, or the
  /// one divided source), their labels numbered as the run numbers them: by the spec's classes,
  /// else the training set's; a given dev or test set is checked to have as many features per
  /// sample as the training set.
  public func sources(_ configuration: DataConfiguration) throws(DataFailure) -> [LabeledArrays] {
    let target = configuration.target
    var loader = self
    loader.classNames = configuration.classNames
    switch configuration.split {
    case .given(let trainSource, _, _):
      var train = try loader.load(trainSource, target: target, part: .train)
      try ListedClasses.check(train.classNames, of: trainSource, against: configuration.classNames)
      loader.trainingColumns = TrainingColumns(trainSource, train)
      let reference = configuration.classNames ?? train.classNames
      let indexOrdered = LabelChecks.indexOrdered(
        named: configuration.classNames != nil, trainingTable: train.tableLines != nil)
      func renumbered(_ source: DataSource, _ part: DataReference.Part, _ data: LabeledArrays)
        throws(DataFailure) -> LabeledArrays
      {
        guard let targets = data.targets else { return data }
        var copy = data
        copy.targets = try LabelChecks.renumber(
          targets, names: data.classNames, source: source, part: part, into: reference,
          named: configuration.classNames != nil, indexOrdered: indexOrdered,
          lines: data.tableLines)
        return copy
      }
      train = try renumbered(trainSource, .train, train)
      // Features per sample as the training set's, located at the part's file, before the
      // engine refused them unlocated once training began.
      let trainFeatures = train.features
      var loaded = [train]
      for (source, part) in configuration.split.sources.dropFirst() {
        let data = try loader.load(source, target: target, part: part)
        try DataFailure.at(.source(part, source.featuresField)) {
          try LabeledArrays.checkFeatureCount(
            data.features.shape, in: data.features.origin, training: trainFeatures.shape,
            from: trainFeatures.origin)
        }
        try ListedClasses.check(data.classNames, of: source, against: configuration.classNames)
        loaded.append(try renumbered(source, part, data))
      }
      return loaded
    case .fractions(let source, _), .sized(let source, _):
      var all = try loader.load(source, target: target, part: .whole)
      try ListedClasses.check(all.classNames, of: source, against: configuration.classNames)
      if let names = configuration.classNames, let targets = all.targets {
        all.targets = try LabelChecks.renumber(
          targets, names: all.classNames, source: source, part: .whole, into: names, named: true,
          indexOrdered: true, lines: all.tableLines)
      }
      return [all]
    }
  }

  /// The sets before preprocessing: loaded, divided, with the train-dev set carved out of
  /// train; the training set is checked to have targets.
  func sets(_ configuration: DataConfiguration) throws(DataFailure) -> (
    train: LabeledArrays, dev: LabeledArrays?, trainDev: LabeledArrays?, test: LabeledArrays?
  ) {
    let loaded = try sources(configuration)
    var train = loaded[0]
    var dev: LabeledArrays? = nil
    var test: LabeledArrays? = nil
    let trainPart = configuration.split.sources[0].part
    // Rows of the divided source (nil: the training file's), that a train-dev fraction is of.
    var total: Int? = nil
    for ((_, part), data) in zip(configuration.split.sources, loaded).dropFirst() {
      if part == .dev { dev = data } else { test = data }
    }
    // One source, or a given training file the split carves a part out of (or sizes).
    if configuration.dividesTraining {
      let all = train
      total = all.sampleCount
      let (a, b, c) = try DataFailure.at(.split(part: nil)) {
        try configuration.divide(
          count: all.sampleCount, labels: try configuration.labels(all.targets))
      }
      train = all.samples(a)
      if !b.isEmpty { dev = all.samples(b) }
      if !c.isEmpty { test = all.samples(c) }
    }
    var trainDev: LabeledArrays? = nil
    if configuration.trainDev != nil {
      (train, trainDev) = try DataFailure.at(.split(part: nil)) {
        let (a, c) = try configuration.carveTrainDev(
          count: train.sampleCount, total: total ?? train.sampleCount,
          labels: try configuration.labels(train.targets))
        return (train.samples(a), c.isEmpty ? nil : train.samples(c))
      }
    }
    guard train.targets != nil else {
      throw DataFailure(
        .invalidConfiguration("\(train.features.origin): the training set has no targets"),
        at: .source(trainPart, .target(index: 0)))
    }
    return (train, dev, trainDev, test)
  }
}
