import Specs

extension SweepPlanner {
  /// An axis whose key applies in none of the sweep's `combos` (`optimizer.momentum` over an adam
  /// spec) changes no trial: refused at the axis with the reason the key written directly gets
  /// (the trials' note at the axis, in `warnings`). A bayes sweep's later batches are drawn by
  /// TPE, so its startup draws decide only for a single axis (which no other axis can enable).
  static func idleAxes(
    _ sweep: SweepSpec, combos: [[SweepTrial.Assignment]], warnings: [Diagnostic]
  ) -> [Diagnostic] {
    guard !combos.isEmpty, sweep.method != .bayes || sweep.axes.count == 1 else { return [] }
    return sweep.axes.enumerated().compactMap { i, axis in
      guard combos.allSatisfy({ !$0[i].applies }) else { return nil }
      let reason = warnings.first { $0.location == axis.location && $0.location != nil }
      return Diagnostic(
        .error, at: axis.location,
        "the sweep axis \(axis.path) applies in none of the \(combos.count) trials, so it changes "
          + "nothing" + (reason.map { ": \($0.message)" } ?? ""),
        note: "remove the axis, or sweep what makes it apply as well")
    }
  }
}
