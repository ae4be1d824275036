import Engine

extension SplitPlan {
  /// One source divided as the spec's `split` says: shuffled fractions stratified per class, or
  /// exact counts and file order when the spec gives counts or `shuffle: false`. Counts are
  /// taken as written (rows no part takes stay unused); fractions alone, with no part `rest`,
  /// sum to 1, so the training part takes what the others leave (absorbing their rounding).
  public init(source: DataSource, _ s: SplitSpec) throws(DataError) {
    if s.shuffle && !s.hasCount {
      self = .fractions(source: source, try Fractions(s))
      return
    }
    let asWritten = s.hasCount || [s.train, s.dev, s.test, s.trainDev].contains(.rest)
    self = .sized(
      source: source,
      SplitSizes(
        train: asWritten ? s.train : .rest, dev: s.dev, test: s.test, trainDev: s.trainDev,
        shuffle: s.shuffle, stratified: s.stratify))
  }
}

extension Fractions {
  /// The fractions a spec's split gives (`rest` shares what the others leave); the training part
  /// holds the train and train-dev fractions.
  public init(_ s: SplitSpec) throws(DataError) {
    func value(_ a: SplitAmount, _ name: String) throws(DataError) -> Double? {
      switch a {
      case .fraction(let f): return f
      case .rest: return nil
      case .count(let n):
        throw DataError.invalidConfiguration(
          "split.\(name): a sample count (\(n)) is not supported with this source yet; give a fraction"
        )
      }
    }
    let dev = try value(s.dev, "dev")
    let test = try value(s.test, "test")
    let train = try value(s.train, "train")
    let trainDev = try value(s.trainDev, "train_dev")
    let known = [train, dev, test, trainDev].compactMap { $0 }.reduce(0, +)
    let rest = max(0, 1 - known)
    do {
      try self.init(
        train: (train ?? rest) + (trainDev ?? rest), dev: dev ?? rest, test: test ?? rest,
        stratified: s.stratify)
    } catch let e as DataError {
      throw e
    } catch {
      throw DataError.invalidConfiguration("\(error)")
    }
  }
}
