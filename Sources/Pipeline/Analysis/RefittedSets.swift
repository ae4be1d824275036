import Datasets
import Engine

extension UnfittedFeatures {
  /// The sets of a model trained on `rows` of `train` (in that order, repeats kept) and
  /// measured on `dev` and `test`, as a run training on those rows prepares them: every set's
  /// features preprocessed again by the steps fitted on those rows (`refitted`), the targets
  /// unchanged. `what` names the model in errors.
  func sets<T: Scalar>(
    rows: [Int], train: Examples<T>, dev: Examples<T>?, test: Examples<T>?, what: String
  ) throws(AnalysisError) -> (train: Examples<T>, dev: Examples<T>?, test: Examples<T>?) {
    let x: (train: Matrix<T>, dev: Matrix<T>?, test: Matrix<T>?)
    do { x = try refitted(rows: rows, as: T.self) } catch {
      throw .preprocessing(what: what, error)
    }
    func replaced(_ set: Examples<T>?, _ features: Matrix<T>?) -> Examples<T>? {
      guard var set, let features else { return nil }
      set.x = features
      return set
    }
    return (
      Examples(x: x.train, y: train.y.rows(rows)), replaced(dev, x.dev), replaced(test, x.test)
    )
  }
}
