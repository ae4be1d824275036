import Conventions
import Vocabulary

extension NumberPrecision {
  /// How the figures of a run in `dtype` print: a float32 run's as float32 text in every file.
  init(_ dtype: DType) {
    self = dtype == .float32 ? .float32 : .float64
  }
}
