import Conventions

/// A sweep over a logreg's `model.multiclass` with one `loss`: ovr and ovo train binary models
/// on binary_cross_entropy, softmax needs cross_entropy (on more than two classes), so the loss
/// a trial is refused for is the one its neighbours need (tester AV F5). The error is said of
/// the axis's value, without the loss fix-it that refuses the other trials.
extension SpecLoader {
  /// `d`, a trial's error at the spec's `loss` with a loss fix-it (`loss: cross_entropy`),
  /// said of the swept strategy that brings it about (`with model.multiclass = softmax, …`),
  /// with a way out that loads; nil when the trial (`map`) sweeps no strategy or sweeps the
  /// loss too, or `d` is not such an error.
  static func strategyLoss(_ d: Diagnostic, map: SourceMap) -> Diagnostic? {
    let path: SpecPath = "model.multiclass"
    guard let location = d.location, location == map.location(of: "loss"),
      let value = map.swept[path], !map.swept.keys.contains(where: { $0.isWithin("loss") }),
      let note = strategyNote(d, value: value)
    else { return nil }
    let line = if case .file = location.source { location.line } else { nil as Int? }
    return d.atCurveValue(
      path, value, map.location(of: path), ruleLine: line, by: "sweep.parameters"
    )
    .noting(note)
  }

  /// For `d`, an error at the spec's `loss` (in its file) whose fix-it is another loss, when
  /// the strategy `value` a sweep axis gives brings it about: that one loss cannot serve every
  /// strategy, and the command that sweeps `value` on its own loss; nil for any other error.
  static func strategyNote(_ d: Diagnostic, value: SpecValue) -> String? {
    guard let fixIt = d.fixIt, fixIt.hasPrefix("loss: "), !fixIt.contains(","),
      case .file(let file)? = d.location?.source
    else { return nil }
    let needed = String(fixIt.dropFirst("loss: ".count))
    let command =
      "runner sweep \(file.shellQuoted) --set "
      + "sweep.parameters.model.multiclass=[\(value)]".singleQuoted + " --set loss=\(needed)"
    return "ovr and ovo train binary models on binary_cross_entropy and softmax needs "
      + "cross_entropy, so one loss cannot serve every strategy of this axis: keep the "
      + "strategies of the written loss here, and sweep \(value) on its own loss (`\(command)`)"
  }
}
