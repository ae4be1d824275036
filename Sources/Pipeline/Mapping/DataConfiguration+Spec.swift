import Datasets
import Specs

/// The spec's `dataset` section as the data layer's configuration.
extension DataConfiguration {
  init(_ spec: ExperimentSpec) throws(DataError) {
    let d = spec.dataset
    let target: TargetKind =
      spec.loss.kind.isClassification ? .classification(classCount: d.classes?.count) : .regression
    let plan: SplitPlan
    let s = d.split
    switch d.source {
    case .files(let train, let dev, let test):
      plan = .given(train: DataSource(train), dev: dev.map(DataSource.init), test: test.map(DataSource.init))
    case .named(let named) where NamedDatasetParts.hasTestPart(named) && s.test.isEmpty && s.dev.isEmpty:
      plan = .given(
        train: .named(named.rawValue, part: .train), dev: nil, test: .named(named.rawValue, part: .test))
    case .named(let named):
      plan = try SplitPlan(source: .named(named.rawValue, part: .train), s)
    case .file(let file):
      plan = try SplitPlan(source: DataSource(file), s)
    case .generator(let g):
      plan = try SplitPlan(source: .generated(Generator(g), seed: g.seed), s)
    }
    let trainDev: Double? =
      switch s.trainDev {
      case .fraction(let f) where f > 0: f
      case .fraction, .rest: nil
      case .count: nil
      }
    self.init(
      split: plan, trainDevFraction: trainDev,
      preprocessing: d.preprocessing,
      target: target, classNames: d.classes, seed: s.seed)
  }
}

/// Which catalog datasets ship their own test part.
enum NamedDatasetParts {
  static func hasTestPart(_ named: Specs.NamedDataset) -> Bool {
    switch named {
    case .catvnoncat, .mnist, .fashionMNIST: true
    default: false
    }
  }
}

extension DataSource {
  init(_ file: DataFile) {
    switch file.format {
    case .csv:
      self = .table(file: file.file, features: file.features, target: file.target, moreTargets: file.moreTargets)
    case .hdf5, .npz:
      self = .arrays(
        features: ArrayReference(file: file.file, dataset: file.features?.first),
        target: file.target.map { ArrayReference(file: file.file, dataset: $0) })
    case .npy, .idx:
      self = .arrays(
        features: ArrayReference(file: file.file), target: file.targetFile.map { ArrayReference(file: $0) })
    }
  }
}

extension SplitPlan {
  /// One source divided as the spec's `split` says: shuffled fractions stratified per class, or
  /// exact counts and file order when the spec gives counts or `shuffle: false`.
  init(source: DataSource, _ s: SplitSpec) throws(DataError) {
    let parts = [s.train, s.dev, s.test]
    let hasCount = parts.contains { if case .count = $0 { true } else { false } }
    if s.shuffle && !hasCount {
      self = .fractions(source: source, try Fractions(s))
      return
    }
    func amount(_ a: SplitAmount) -> SplitSizes.Amount {
      switch a {
      case .fraction(let f): .fraction(f)
      case .count(let n): .count(n)
      case .rest: .rest
      }
    }
    let rest = parts.contains(.rest)
    self = .sized(
      source: source,
      SplitSizes(
        train: rest ? amount(s.train) : .rest, dev: amount(s.dev), test: amount(s.test),
        shuffle: s.shuffle, stratified: s.stratify))
  }
}

extension Fractions {
  init(_ s: SplitSpec) throws(DataError) {
    func value(_ a: SplitAmount, _ name: String) throws(DataError) -> Double? {
      switch a {
      case .fraction(let f): return f
      case .rest: return nil
      case .count(let n):
        throw DataError.invalidConfiguration(
          "split.\(name): a sample count (\(n)) is not supported with this source yet; give a fraction")
      }
    }
    let dev = try value(s.dev, "dev")
    let test = try value(s.test, "test")
    let train = try value(s.train, "train")
    let known = [train, dev, test].compactMap { $0 }.reduce(0, +)
    let rest = max(0, 1 - known)
    do {
      try self.init(train: train ?? rest, dev: dev ?? rest, test: test ?? rest, stratified: s.stratify)
    } catch let e as DataError {
      throw e
    } catch {
      throw DataError.invalidConfiguration("\(error)")
    }
  }
}
