import Engine

/// The features of the training, dev and test sets as read, before preprocessing, kept
/// (`DataConfiguration.keepsUnfittedFeatures`) when a step is fitted on the training rows
/// (`standardize`, `min_max`): an analysis that trains on other rows than the run (a
/// learning-curve point, a bootstrap round) fits the steps again on its own rows and applies
/// them to dev and test, exactly as a run training on those rows prepares its data.
public struct UnfittedFeatures: Sendable {
  /// The preprocessing steps, in order.
  public var steps: [PreprocessingStep]
  /// The training set's features as read.
  public var train: NDArray
  /// The dev set's features as read; nil without one.
  public var dev: NDArray?
  /// The test set's features as read; nil without one.
  public var test: NDArray?
  /// Where a table's training, dev and test features were read (`FeatureCells`), so that a
  /// value a refit refuses is named by its file's line and column as the run's own is; nil
  /// for a set read from another source.
  public var trainCells, devCells, testCells: FeatureCells?

  /// Features as read, to be preprocessed by `steps`, and where each set's were read.
  public init(
    steps: [PreprocessingStep], train: NDArray, dev: NDArray?, test: NDArray?,
    cells: (train: FeatureCells?, dev: FeatureCells?, test: FeatureCells?) = (nil, nil, nil)
  ) {
    self.steps = steps
    self.train = train
    self.dev = dev
    self.test = test
    (trainCells, devCells, testCells) = cells
  }

  /// The training rows `rows` (indices into the training set, in that order, repeats kept) and
  /// the dev and test sets, preprocessed by the steps fitted on those rows; a value they
  /// cannot take is named by its file's line and column when the set was read from a table.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public func refitted<T: Scalar>(rows: [Int], as _: T.Type = T.self) throws(DataError) -> (
    train: Matrix<T>, dev: Matrix<T>?, test: Matrix<T>?
  ) {
    do {
      let (fitted, x) = try FittedPreprocessing.fit(
        steps, train: train.samples(rows), as: T.self, cells: trainCells?.rows(rows))
      return (
        x, try dev.map { try fitted.transform($0, as: T.self, cells: devCells) },
        try test.map { try fitted.transform($0, as: T.self, cells: testCells) }
      )
    } catch let error as DataError {
      throw error
    } catch {
      throw .invalidConfiguration("\(error)")
    }
  }
}
