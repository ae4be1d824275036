import Engine

/// Preprocessing steps fitted on a training split, ready to transform any split the same way.
public struct FittedPreprocessing: Sendable, Equatable {
  /// The steps, in order.
  public let steps: [PreprocessingStep]
  /// One entry per fitted step (standardize, min-max), in step order.
  public let statistics: [FittedStatistics]
  /// Number of output feature columns.
  public let outputFeatureCount: Int

  /// Fits `steps` on the training features (`train` converted to `T` first). Returns the
  /// fitted preprocessing and the transformed training matrix. `cells` (a table's lines and
  /// column names) locates a value that cannot be trained on by the file's line and column.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func fit<T: Scalar>(
    _ steps: [PreprocessingStep], train: NDArray, as _: T.Type = T.self,
    cells: FeatureCells? = nil
  ) throws
    -> (FittedPreprocessing, Matrix<T>)
  {
    for case .polynomial(let d) in steps where d < 1 || d > 10 {
      throw DataError.invalidConfiguration("polynomial degree must be between 1 and 10 (got \(d))")
    }
    for case .minMax(let lo, let hi) in steps where !(lo < hi) || !lo.isFinite || !hi.isFinite {
      throw DataError.invalidConfiguration(
        "min_max range must have lower < upper (got \(lo)..\(hi))")
    }
    var x = try train.matrix(T.self, flatten: steps.contains(.flatten))
    let split = "the training split"
    // Until `polynomial` expands them, the columns are the table's, named by `cells`, and the
    // values those of the file, at their index in it.
    var (read, file): (FeatureCells?, NDArray?) = (cells, train)
    try checkFinite(x, after: nil, origin: train.origin, split: split, cells: read, read: train)
    var statistics: [FittedStatistics] = []
    for step in steps {
      switch step {
      case .flatten: break
      case .scale(let s): try ScaleFactor(nearest: s).apply(to: &x)
      case .normalize(let n): n.apply(to: &x)
      case .standardize:
        let (mean, std) = ColumnStatistics.meanAndStd(x)
        let stat = FittedStatistics(step: step.description, values: ["mean": mean, "std": std])
        statistics.append(stat)
        try checkStatistic(
          stat, of: x, after: step, origin: train.origin, cells: read, read: file)
        FittedPreprocessing.apply(stat, step: step, to: &x)
      case .minMax:
        let (lo, hi) = ColumnStatistics.minAndMax(x)
        let stat = FittedStatistics(step: step.description, values: ["min": lo, "max": hi])
        statistics.append(stat)
        try checkStatistic(
          stat, of: x, after: step, origin: train.origin, cells: read, read: file)
        FittedPreprocessing.apply(stat, step: step, to: &x)
      case .polynomial(let d):
        x = try PolynomialFeatures.expand(x, degree: d)
        (read, file) = (nil, nil)
      }
      if step != .flatten {
        try checkFinite(
          x, after: step, origin: train.origin, split: split, cells: read, read: file)
      }
    }
    return (
      FittedPreprocessing(steps: steps, statistics: statistics, outputFeatureCount: x.cols), x
    )
  }

  /// Refuses a fitted statistic of `x` (before `step` applies it) that is not finite, located
  /// at the column's largest value: by the file's line and column name when `cells` has them,
  /// else by its index in `read` (the array whose values `x` still holds, in its order).
  static func checkStatistic<T: Scalar>(
    _ statistic: FittedStatistics, of x: Matrix<T>, after step: PreprocessingStep,
    origin: String, cells: FeatureCells?, read: NDArray? = nil
  ) throws {
    for (name, values) in statistic.values.sorted(by: { $0.key < $1.key }) {
      guard let j = values.firstIndex(where: { !$0.isFinite }) else { continue }
      let rows = 0..<x.rows
      let row = rows.max { abs(Double(x[$0, j])) < abs(Double(x[$1, j])) } ?? 0
      let value = Double(x.rows > 0 ? x[row, j] : 0)
      let location =
        cells?.place(row: row, column: j, of: x.cols).map { "\($0): \(value)" }
        ?? read.flatMap { file in
          x.rows > 0 && row * x.cols + j < file.count
            ? "\(file.position(ofElement: row * x.cols + j)): \(value)" : nil
        }
        ?? "feature \(j)"
      throw DataError.invalidValues(
        file: origin, location: location,
        reason: "its \(name) for \(step.description) is not finite: values too large for "
          + "\(T.dtype.rawValue) (rescale the data, e.g. with `scale` first)")
    }
  }

  /// Refuses features that are not finite as read in `T` (`step` nil: a value beyond float32's
  /// range, its value taken from `read`) or after `step` (a value near the limit makes its
  /// output infinite), which would otherwise make every loss infinite. `cells` locates the
  /// value by the file's line and column; `read` (the array `x` was read from, while `x`'s
  /// values are still its own, in its order) by its index in the file, as a NaN there is
  /// (`index [3, 145], counting from 0`).
  static func checkFinite<T: Scalar>(
    _ x: Matrix<T>, after step: PreprocessingStep?, origin: String, split: String?,
    cells: FeatureCells? = nil, read: NDArray? = nil, predicting: Bool = false
  ) throws {
    guard let i = x.storage.firstIndex(where: { !$0.isFinite }) else { return }
    let (r, c) = (i / max(x.cols, 1), i % max(x.cols, 1))
    if step == nil, let read, i < read.count {
      let place = cells?.place(row: r, column: c, of: x.cols) ?? read.position(ofElement: i)
      throw DataError.invalidValues(
        file: origin, location: place,
        reason: beyondRange(read.storage.double(at: i), T.self, predicting: predicting))
    }
    let cause = step.map { "\($0.description) makes a value" } ?? "a value is"
    let unnamed: String = "row \(r + 1)" + (split.map { " of \($0)" } ?? "") + ", feature \(c)"
    let inFile: String? = read.flatMap { i < $0.count ? $0.position(ofElement: i) : nil }
    let row = cells?.place(row: r, column: c, of: x.cols) ?? inFile ?? unnamed
    // A fixed divisor far below the data's spread is the spec's slip, not the data's.
    let remedy =
      if case .normalize = step {
        "normalize's std is far below these values' spread: give the standard deviation of "
          + "your training features (numpy's x.std())"
      } else { "rescale the data" }
    throw DataError.invalidValues(
      file: origin, location: row,
      reason: "\(cause) too large for \(T.dtype.rawValue); \(remedy)")
  }

  /// Why a value read as `value` is refused in a `T` run: beyond its range, and the fix (when
  /// `predicting`, with parameters already trained as `T`: another run's).
  static func beyondRange<T: Scalar>(_ value: Double, _: T.Type, predicting: Bool = false)
    -> String
  {
    "\(value) is beyond \(T.dtype.rawValue)'s range (±\(T.greatestFiniteMagnitude)): "
      + (predicting
        ? "rescale the column as the training data is, or predict with a run trained with "
          + "dtype: float64"
        : "rescale the column or use dtype: float64")
  }

  /// Refuses targets `y` that `T` cannot hold (a value of `read` beyond float32's range,
  /// which became ∞), as `checkFinite` refuses features: the value, its line and column
  /// (`lines`, for a table), and the fix. Returns `y`.
  static func checkTargets<T: Scalar>(_ y: Matrix<T>, read: NDArray, lines: TableLines?) throws
    -> Matrix<T>
  {
    guard let i = y.storage.firstIndex(where: { !$0.isFinite }), i < read.count else { return y }
    let value = read.storage.double(at: i)
    guard value.isFinite else { return y }
    let (row, column) = (i / max(y.cols, 1), i % max(y.cols, 1))
    let place =
      lines.map { y.cols == 1 ? $0.place(row) : "line \($0.lines[row]), target \(column + 1)" }
      ?? "sample \(row)" + (y.cols == 1 ? "" : ", target \(column + 1)")
    throw DataError.invalidValues(
      file: lines?.file ?? read.origin, location: place, reason: beyondRange(value, T.self))
  }

  /// The features of another split transformed with the training statistics; `predicting`:
  /// for `runner predict`, whose parameters are trained already (a refusal's fix says so).
  @_specialize(where T == Float) @_specialize(where T == Double)
  public func transform<T: Scalar>(
    _ features: NDArray, as _: T.Type = T.self, cells: FeatureCells? = nil,
    predicting: Bool = false
  ) throws -> Matrix<T> {
    var x = try features.matrix(T.self, flatten: steps.contains(.flatten))
    try Self.checkFinite(
      x, after: nil, origin: features.origin, split: nil, cells: cells, read: features,
      predicting: predicting)
    var (read, file): (FeatureCells?, NDArray?) = (cells, features)
    var next = 0
    for step in steps {
      switch step {
      case .flatten: break
      case .scale(let s): try ScaleFactor(nearest: s).apply(to: &x)
      case .normalize(let n): n.apply(to: &x)
      case .standardize, .minMax:
        let stat = statistics[next]
        next += 1
        guard stat.values.values.allSatisfy({ $0.count == x.cols }) else {
          throw DataError.shapeMismatch(
            "\(features.origin): \(x.cols) features, but the training split had \(stat.values.values.first?.count ?? 0)"
          )
        }
        FittedPreprocessing.apply(stat, step: step, to: &x)
      case .polynomial(let d): x = try PolynomialFeatures.expand(x, degree: d)
      }
      // Training statistics can take a held-out value out of range: the step is named, and
      // the value's line and column while the columns are the table's.
      if case .polynomial = step { (read, file) = (nil, nil) }
      if step != .flatten {
        try Self.checkFinite(
          x, after: step, origin: features.origin, split: nil, cells: read, read: file)
      }
    }
    return x
  }

  /// Targets as the model consumes them: an `(m, 1)` column of values or class indices, or
  /// an `(m, k)` matrix for several regression targets per sample (one output each).
  @_specialize(where T == Float) @_specialize(where T == Double)
  public func targets<T: Scalar>(_ targets: NDArray, kind: TargetKind, as _: T.Type = T.self) throws
    -> Matrix<T>
  {
    if case .regression = kind, targets.rank == 2, targets.shape[1] > 1 {
      return try targets.matrix(T.self)
    }
    return try targets.labelColumn(T.self)
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func apply<T: Scalar>(
    _ stat: FittedStatistics, step: PreprocessingStep, to x: inout Matrix<T>
  ) {
    let cols = x.cols
    var shift = [T](repeating: 0, count: cols)
    var divide = [T](repeating: 1, count: cols)
    var offset = T(0)
    var multiply = T(1)
    switch step {
    case .standardize:
      let mean = stat.values["mean"] ?? []
      let std = stat.values["std"] ?? []
      for j in 0..<cols {
        shift[j] = T(mean[j])
        divide[j] = std[j] == 0 ? 1 : T(std[j])
      }
    case .minMax(let lo, let hi):
      let mn = stat.values["min"] ?? []
      let mx = stat.values["max"] ?? []
      for j in 0..<cols {
        shift[j] = T(mn[j])
        divide[j] = T(ColumnStatistics.minMaxRange(min: mn[j], max: mx[j]))
      }
      offset = T(lo)
      multiply = T(hi - lo)
    default: return
    }
    let rescale = multiply != 1 || offset != 0
    // In place: the matrix is uniquely referenced by the caller, so no copy is made.
    x.storage.withUnsafeMutableBufferPointer { values in
      for i in 0..<(cols == 0 ? 0 : values.count / cols) {
        for j in 0..<cols {
          var v = (values[i * cols + j] - shift[j]) / divide[j]
          if rescale { v = v * multiply + offset }
          values[i * cols + j] = v
        }
      }
    }
  }
}

extension FittedPreprocessing {
  /// The names of the model's input columns, after every step, from the input columns'
  /// `names` (`x^2` for a polynomial term); nil after `flatten` or without names.
  public func outputFeatureNames(_ names: [String]?) -> [String]? {
    namesAfterEachStep(names).last ?? names
  }

  /// The names of the columns each of `statistics` was fitted on, from the input columns'
  /// `names`: a polynomial step before it names its terms (`x^2`); nil after `flatten` or
  /// without names.
  public func statisticsFeatureNames(_ names: [String]?) -> [[String]?] {
    // A fitted step keeps its columns' names: the names after it are the ones it was fitted on.
    zip(steps, namesAfterEachStep(names)).filter { $0.0.isFitted }.map(\.1)
  }

  /// The columns' names after each step in turn, from the input columns' `names`.
  private func namesAfterEachStep(_ names: [String]?) -> [[String]?] {
    var current = names
    return steps.map { step in
      switch step {
      case .flatten: current = nil
      case .scale, .normalize, .standardize, .minMax: break
      case .polynomial(let d): current = current.map { PolynomialFeatures.names($0, degree: d) }
      }
      return current
    }
  }
}
