import Engine
import Foundation
import Reports
import Specs

/// Saved values the run's dtype cannot hold: a float64 array read into a float32 run (or
/// `runner predict` of one) rounds each value to float32, and one beyond float32's range becomes
/// infinite there, silently (torch's `.float()` does the same); the run would train from inf
/// and save parameters that `init.from` then refuses. A value below float32's smallest becomes
/// 0, as torch and numpy cast it: said in a note, not refused.
extension SavedParameters {
  /// What reads the saved values, for the refusal's words.
  enum ValuesUse {
    /// `model.init.from`: a run starts from them.
    case start
    /// `runner predict --params`: a model predicts with them.
    case predictions
  }

  /// Refuses the first value of `layers` (read under `prefix` in `directory`) that `dtype`
  /// holds as infinite, naming its file, its index and the value; else a note per array with
  /// nonzero values that `dtype` holds as 0 (below its smallest positive value), naming the
  /// file and their count. One pass over the values.
  static func checkValues(
    of dtype: DType, in directory: URL, prefix: String, layers: [ExplicitLayer],
    for use: ValuesUse = .start
  ) throws(AnalysisError) -> [String] {
    guard dtype != .float64 else { return [] }
    var notes: [String] = []
    for array in arrays(prefix: prefix, layers: layers) {
      let path = directory.appendingPathComponent(array.file).path
      var zeroed = 0
      for (i, value) in array.values.enumerated() {
        let held = dtype.held(value)
        if held.isInfinite {
          throw beyondRange(dtype, path: path, value: value, at: array.index(i), for: use)
        }
        if held == 0 && value != 0 { zeroed += 1 }
      }
      guard zeroed > 0 else { continue }
      let values = zeroed == 1 ? "1 nonzero value" : "\(zeroed) nonzero values"
      notes.append(
        "\(path) holds \(values) too small for \(dtype.rawValue) (its smallest is "
          + "\(dtype.limits.smallest)), read as 0 under dtype: \(dtype.rawValue)")
    }
    return notes
  }

  /// The refusal of `value`, at `index` of the array at `path`, which `dtype` holds as
  /// infinite, with what `use` would do with it and the remedy.
  private static func beyondRange(
    _ dtype: DType, path: String, value: Double, at index: String, for use: ValuesUse
  ) -> AnalysisError {
    let name = dtype.rawValue
    let consequence: String
    let help: String
    switch use {
    case .start:
      consequence = "the run (dtype: \(name)) would start from an infinite value"
      help = "train in float64 (`dtype: float64`), or start from another run's parameters"
    case .predictions:
      consequence = "the model (dtype: \(name)) would predict from an infinite value"
      help =
        "give the parameters a \(name) run saved (its params/), or values within "
        + "±\(dtype.limits.largest)"
    }
    return .parameters(
      "\(path) holds \(value) at \(index), beyond \(name)'s range: "
        + "\(name) holds at most ±\(dtype.limits.largest), so \(consequence)\nhelp: \(help)")
  }

  /// The arrays of `layers` saved under `prefix`, in reading order: each file's name, its
  /// values (row by row) and how the value at a flat index is named (`[1, 2]`, `[3]`).
  static func arrays(prefix: String, layers: [ExplicitLayer]) -> [(
    file: String, values: [Double], index: (Int) -> String
  )] {
    var arrays: [(file: String, values: [Double], index: (Int) -> String)] = []
    for (l, layer) in layers.enumerated() {
      let number = l + 1
      let outputs = layer.bias.count
      arrays.append(
        (
          ParameterFiles.weights(prefix, layer: number), layer.weights.flatMap { $0 },
          { "[\($0 / outputs), \($0 % outputs)]" }
        ))
      arrays.append((ParameterFiles.bias(prefix, layer: number), layer.bias, { "[\($0)]" }))
      for (name, values) in zip(normalizationArrays, layer.normalization?.arrays ?? []) {
        arrays.append((normalizationFile(prefix, layer: number, name), values, { "[\($0)]" }))
      }
    }
    return arrays
  }
}
