import Engine

extension DataLoader {
  /// Loads, splits and preprocesses the data of `configuration` as `T` (float32 or float64).
  ///
  /// Statistics of fitted steps come from the training set only and are applied unchanged to
  /// train-dev, dev and test.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public func prepare<T: Scalar>(_ configuration: DataConfiguration, as _: T.Type = T.self) throws
    -> PreparedData<T>
  {
    var train: LabeledArrays
    var dev: LabeledArrays? = nil
    var test: LabeledArrays? = nil
    switch configuration.split {
    case .given(let trainSource, let devSource, let testSource):
      train = try load(trainSource, target: configuration.target)
      dev = try devSource.map { try load($0, target: configuration.target) }
      test = try testSource.map { try load($0, target: configuration.target) }
    case .fractions(let source, let fractions):
      let all = try load(source, target: configuration.target)
      var rng = SeededGenerator(seed: SeededGenerator.derive(configuration.seed, "split"))
      let (a, b, c) = Splitter.split(
        count: all.sampleCount, fractions: fractions, labels: try labels(all, configuration),
        using: &rng)
      train = all.samples(a)
      dev = b.isEmpty ? nil : all.samples(b)
      test = c.isEmpty ? nil : all.samples(c)
    case .sized(let source, let sizes):
      let all = try load(source, target: configuration.target)
      var rng = SeededGenerator(seed: SeededGenerator.derive(configuration.seed, "split"))
      let (a, b, c) = try sizes.indices(
        total: all.sampleCount, labels: try labels(all, configuration), using: &rng)
      train = all.samples(a)
      dev = b.isEmpty ? nil : all.samples(b)
      test = c.isEmpty ? nil : all.samples(c)
    }
    var trainDev: LabeledArrays? = nil
    if let fraction = configuration.trainDevFraction, fraction > 0 {
      let fractions = try Fractions(train: 1 - fraction, test: fraction, stratified: true)
      var rng = SeededGenerator(seed: SeededGenerator.derive(configuration.seed, "train_dev"))
      let (a, _, c) = Splitter.split(
        count: train.sampleCount, fractions: fractions, labels: try labels(train, configuration),
        using: &rng)
      trainDev = train.samples(c)
      train = train.samples(a)
    }
    guard train.targets != nil else {
      throw DataError.invalidConfiguration(
        "\(train.features.origin): the training set has no targets")
    }
    let (fitted, trainX) = try FittedPreprocessing.fit(
      configuration.preprocessing, train: train.features, as: T.self)
    // The training features now live in `trainX`; drop the file-typed copy before the other
    // sets are converted, to keep peak memory near the size of the matrices.
    train.features = train.features.samples([])
    func partition(_ name: String, _ data: LabeledArrays, features: Matrix<T>? = nil) throws
      -> Partition<T>
    {
      guard let targets = data.targets else {
        throw DataError.invalidConfiguration(
          "\(data.features.origin): the \(name) set has no targets")
      }
      return Partition(
        name: name, features: try features ?? fitted.transform(data.features, as: T.self),
        targets: try fitted.targets(targets, kind: configuration.target, as: T.self),
        classIndices: try labels(data, configuration))
    }
    return PreparedData(
      train: try partition("train", train, features: trainX),
      dev: try dev.map { try partition("dev", $0) },
      trainDev: try trainDev.map { try partition("train_dev", $0) },
      test: try test.map { try partition("test", $0) },
      preprocessing: fitted,
      classNames: configuration.classNames ?? train.classNames,
      featureNames: train.featureNames,
      trueParameters: train.trueParameters)
  }

  func labels(_ data: LabeledArrays, _ configuration: DataConfiguration) throws -> [Int]? {
    guard case .classification(let count) = configuration.target, let targets = data.targets else {
      return nil
    }
    return try targets.classIndices(classCount: count)
  }
}
