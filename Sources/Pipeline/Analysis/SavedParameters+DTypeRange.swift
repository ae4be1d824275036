import Engine
import Foundation
import Reports

/// Saved values the run's dtype cannot hold: a float64 array read into a float32 run rounds
/// each value to float32, and one beyond float32's range becomes infinite there, silently
/// (torch's `.float()` does the same); the run would train from inf and save parameters that
/// `init.from` then refuses.
extension SavedParameters {
  /// Refuses the first value of `layers` (read under `prefix` in `directory`) that `dtype`
  /// holds as infinite, naming its file, its index and the value.
  static func refuseBeyondRange(
    of dtype: DType, in directory: URL, prefix: String, layers: [ExplicitLayer]
  ) throws(AnalysisError) {
    guard dtype != .float64 else { return }
    func check(_ file: String, _ values: [Double], index: (Int) -> String) throws(AnalysisError) {
      guard let i = values.firstIndex(where: { dtype.held($0).isInfinite }) else { return }
      let path = directory.appendingPathComponent(file).path
      let name = dtype.rawValue
      let beyond =
        "\(path) holds \(values[i]) at \(index(i)), beyond \(name)'s range: \(name) holds at "
        + "most ±\(dtype.limits.largest), so the run (dtype: \(name)) would start from an "
        + "infinite value"
      let help = "train in float64 (`dtype: float64`), or start from another run's parameters"
      throw .parameters(beyond + "\nhelp: " + help)
    }
    for (l, layer) in layers.enumerated() {
      let number = l + 1
      let outputs = layer.bias.count
      try check(
        ParameterFiles.weights(prefix, layer: number), layer.weights.flatMap { $0 },
        index: { "[\($0 / outputs), \($0 % outputs)]" })
      try check(ParameterFiles.bias(prefix, layer: number), layer.bias, index: { "[\($0)]" })
      for (name, values) in zip(normalizationArrays, layer.normalization?.arrays ?? []) {
        try check(
          normalizationFile(prefix, layer: number, name), values, index: { "[\($0)]" })
      }
    }
  }
}
