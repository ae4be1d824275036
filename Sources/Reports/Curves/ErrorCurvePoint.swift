import Conventions

/// One point of a learning or validation curve: the train and held-out errors where the curve
/// stands on its axis (`position`: a training-set size, or a hyperparameter's value) and what
/// its verdict judges besides them.
public struct ErrorCurvePoint<Position: Comparable & Sendable>: Sendable, Equatable {
  /// Where the point stands on the curve's axis.
  public var position: Position
  /// Error on the training examples used.
  public var trainError: Double
  /// Error on the held-out split.
  public var heldOutError: Double
  /// What the verdict judges besides the two errors: how the training loss went (a point
  /// that did not train is judged so), the errors' sampling errors and the mean-prediction
  /// error, each when known.
  public var facts: CurveDiagnosis.Facts
  /// How the training loss went, when known.
  public var progress: TrainingProgress? {
    get { facts.progress }
    set { facts.progress = newValue }
  }

  /// A point at `position` judged with `facts`.
  public init(
    at position: Position, trainError: Double, heldOutError: Double,
    facts: CurveDiagnosis.Facts = .init()
  ) {
    self.position = position
    self.trainError = trainError
    self.heldOutError = heldOutError
    self.facts = facts
  }

  /// The points in ascending `position`, points at the same position in their given order.
  static func ascending(_ points: [Self]) -> [Self] {
    points.enumerated().sorted { lhs, rhs in
      lhs.element.position != rhs.element.position
        ? lhs.element.position < rhs.element.position : lhs.offset < rhs.offset
    }.map(\.element)
  }

  /// The point's row: `first` (its position's cell), the two errors, then the verdict when a
  /// curve's `diagnosis` is given.
  func cells(
    _ first: CSVCell, _ precision: NumberPrecision, diagnosis: CurveDiagnosis?, heldOutSplit: Split
  ) -> [CSVCell] {
    let errors: [CSVCell] = [
      first, .number(trainError, precision), .number(heldOutError, precision),
    ]
    guard let diagnosis else { return errors }
    return errors + [
      .text(
        diagnosis.verdictText(
          train: trainError, heldOut: heldOutError, heldOutSplit: heldOutSplit, facts: facts))
    ]
  }
}

extension ErrorCurvePoint where Position == Int {
  /// The number of training examples used.
  public var trainSize: Int { position }

  /// A point at `trainSize` examples whose verdict knows only how its training went.
  public init(
    trainSize: Int, trainError: Double, heldOutError: Double, progress: TrainingProgress? = nil
  ) {
    self.init(
      at: trainSize, trainError: trainError, heldOutError: heldOutError,
      facts: .init(progress: progress))
  }
}

extension ErrorCurvePoint where Position == Double {
  /// The hyperparameter's value.
  public var value: Double { position }

  /// A point at `value` whose verdict knows only how its training went.
  public init(
    value: Double, trainError: Double, heldOutError: Double, progress: TrainingProgress? = nil
  ) {
    self.init(
      at: value, trainError: trainError, heldOutError: heldOutError,
      facts: .init(progress: progress))
  }
}
