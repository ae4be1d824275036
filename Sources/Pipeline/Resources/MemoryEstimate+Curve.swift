import Specs

extension MemoryEstimate {
  /// The validation curve's share at its peak, when the spec has one: every point whose value
  /// changes the data holds its own prepared data (the points are prepared before they train),
  /// and `workers` points train at once, each on a copy of its training rows with its own model,
  /// activations and solver (the largest ones counted). `largest` is the index of the point that
  /// costs the most, to blame when it makes up most of the total. A point its value makes
  /// invalid is left out (the spec's rules refuse it).
  static func curveShare(
    _ loaded: LoadedSpec, context: ProjectContext, workers: Int, baseRows: Double
  ) -> (bytes: Double, largest: Int?)? {
    guard let curve = loaded.spec.report.validationCurve else { return nil }
    var held = 0.0
    var training: [(bytes: Double, index: Int)] = []
    for index in curve.values.indices {
      guard var point = try? loaded.curvePoint(index) else { continue }
      point.spec.report.validationCurve = nil
      let estimate = of(point, context: context)
      let ownData = point.spec.dataset != loaded.spec.dataset
      if ownData { held += estimate.data }
      training.append(
        (
          estimate.model + estimate.activations + estimate.extra
            + (ownData ? estimate.data : baseRows), index
        ))
    }
    let running = training.sorted { $0.bytes > $1.bytes }.prefix(max(1, workers))
    return (held + running.reduce(0) { $0 + $1.bytes }, running.first?.index)
  }
}
