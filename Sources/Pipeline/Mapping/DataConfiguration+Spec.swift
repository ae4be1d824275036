import Datasets
import Specs

/// The spec's `dataset` section as the data layer's configuration.
extension DataConfiguration {
  init(_ spec: ExperimentSpec) throws(DataError) {
    let d = spec.dataset
    let s = d.split
    // A logreg reads class labels whatever its loss: a regression loss is refused on the
    // classes they make (`SpecValidator.checkLogregLoss`), never trained.
    let labels = spec.loss.kind.isClassification || spec.model.kind == .logreg
    let target: TargetKind = labels ? .classification(classCount: d.classes?.count) : .regression
    let plan: SplitPlan =
      switch d.source {
      case .files(let train, let dev, let test):
        .given(
          train: DataSource(train), dev: dev.map(DataSource.init), test: test.map(DataSource.init))
      case .named(let named) where named.shipsTestPart && s.test.isEmpty:
        .given(
          train: .named(named.rawValue, part: .train), dev: nil,
          test: .named(named.rawValue, part: .test))
      case .named(let named): try SplitPlan(source: .named(named.rawValue, part: .train), s)
      case .file(let file): try SplitPlan(source: DataSource(file), s)
      case .generator(let g): try SplitPlan(source: .generated(Generator(g), seed: g.seed), s)
      }
    self.init(
      split: plan,
      trainDev: s.trainDev.isEmpty
        ? nil : TrainDevPart(s.trainDev, shuffle: s.shuffle, stratified: s.stratify),
      preprocessing: d.preprocessing,
      target: target, classNames: d.classes, seed: s.seed)
    // Parts the split asks for that no file gives are carved out of the training file, and a
    // training part it sizes is taken of it.
    if case .given(let train, let dev, let test) = plan {
      var carve = s
      if dev != nil { carve.dev = .fraction(0) }
      if test != nil { carve.test = .fraction(0) }
      if !carve.dev.isEmpty || !carve.test.isEmpty || s.train != .rest {
        givenTrainSplit = try SplitPlan(source: train, carve)
      }
    }
  }
}

extension DataSource {
  init(_ file: DataFile) {
    switch file.format {
    case .csv:
      self = .table(
        file: file.file, features: file.features, target: file.target, moreTargets: file.moreTargets
      )
    case .hdf5, .npz:
      self = .arrays(
        features: ArrayReference(file: file.file, dataset: file.features?.first),
        target: file.target.map { ArrayReference(file: file.file, dataset: $0) })
    case .npy, .idx:
      self = .arrays(
        features: ArrayReference(file: file.file),
        target: file.targetFile.map { ArrayReference(file: $0) })
    }
  }
}
