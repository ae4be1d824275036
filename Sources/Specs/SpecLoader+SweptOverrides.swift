import Conventions

/// A `--set` of a key the sweep varies, refused with the commands that do what it meant.
extension SpecLoader {
  /// A `--set` of a key the sweep varies (every trial sets it from its axis) is refused at the
  /// override: no trial would take its value, yet the sweep folder would be named by it. One of
  /// a key a later `--set` replaces (`seed=1 … seed=2`) has no effect: a warning there.
  /// The spec in `file` is the one the user gave (named in the commands the note gives).
  static func sweptOverrides(_ spec: ExperimentSpec, file: String, options: SpecOptions)
    -> [Diagnostic]
  {
    let swept = Set((spec.sweep?.axes ?? []).map(\.path))
    let overrides = options.overrides.compactMap { try? Override(parsing: $0) }
    return overrides.enumerated().compactMap { i, o in
      if swept.contains(o.path) {
        return Diagnostic(
          .error, at: o.keyLocation,
          "--set \(o.path) cannot take effect: the sweep sets it in every trial, so no trial "
            + "would train with it (and the folder would be named by it)",
          note: sweptOverrideNote(o, onlyAxis: swept.count == 1, file: file, overrides))
      }
      return overrides[(i + 1)...].first { o.path.isWithin($0.path) }.map {
        Diagnostic(
          .warning, at: o.keyLocation,
          "--set \(o.path) has no effect: the later --set \($0.text) replaces it")
      }
    }
  }

  /// What does what the swept override `o` meant: the axis set to its value, or the axis
  /// removed; when it is the sweep's only axis (`onlyAxis`), a sweep without axes is refused,
  /// so its value is trained by a run of the spec in `file` without its sweep, with the other
  /// `overrides` (those of `sweep` keys left out: there is no sweep to set).
  static func sweptOverrideNote(
    _ o: Override, onlyAxis: Bool, file: String, _ overrides: [Override]
  ) -> String {
    let axis = "sweep.parameters.\(o.path)"
    let removeAxis = "--set \("~\(axis)".singleQuoted)"
    let setAxis = "--set \("\(axis)=[\(o.valueText)]".singleQuoted)"
    guard onlyAxis else {
      return o.removes
        ? "remove the axis too: \(removeAxis)"
        : "set the axis to that value: \(setAxis), "
          + "or remove the axis: \(removeAxis) --set \(o.text.singleQuoted)"
    }
    let sweepPath = SpecPath("sweep")
    let kept = overrides.filter { !$0.path.isWithin(sweepPath) }
    let run = Invocation.commandLine(
      ["run", file, "--set", "~sweep"] + kept.flatMap { ["--set", $0.text] })
    return o.removes
      ? "it is the sweep's only axis: run the spec without its sweep: \(run)"
      : "set the axis to that value: \(setAxis), or, as it is the "
        + "sweep's only axis, run that value without a sweep: \(run)"
  }
}
