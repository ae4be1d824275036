/// The advice for a run whose schedule lowered the learning rate so far that no longer run
/// moves the weights (`ScheduleFreeze`): the schedule, not the length or the model, comes first.
extension BiasVarianceDiagnosis {
  /// True when the schedule froze the training (`DiagnosisContext.scheduleFreeze`) and nothing
  /// shows the model reached its optimum anyway: a linear regression's least squares, where it
  /// is computed, was missed (one at least squares froze where its schedule did no harm).
  var scheduleHoldsBack: Bool {
    guard context.scheduleFreeze != nil else { return false }
    return context.leastSquares == nil || missedLeastSquares
  }

  /// "a schedule that lets it train: …": the schedule's decay with the rate at the start and at
  /// the last step, the share any longer run would add, and the setting that ends the same run
  /// at a tenth of its rate (`ScheduleFreeze.change`) or none; nil unless `scheduleHoldsBack`.
  var scheduleAdvice: Remedy? {
    guard scheduleHoldsBack, let freeze = context.scheduleFreeze else { return nil }
    let settings = freeze.schedule.settings
    let decay =
      freeze.schedule.kind == .step
      ? "step_size \(settings.stepSize), gamma \(Self.spec(settings.gamma))"
      : "gamma \(Self.spec(settings.gamma))"
    var text =
      "a schedule that lets it train: the \(freeze.schedule.kind.rawValue) schedule (\(decay)) "
      + "lowered the learning rate from \(Self.spec(freeze.base)) to "
      + "\(Self.short(freeze.endRate)) at the run's last step, and the steps of any longer run "
      + "would add only \(Self.percent(freeze.leftOverSpent)) to the rates its \(freeze.steps) "
      + "steps took, so training longer would not move the weights: "
    if let change = freeze.change {
      let (from, to) =
        change.integer
        ? (String(Int(change.from)), String(Int(change.to)))
        : (Self.spec(change.from), Self.advised(change.to))
      text +=
        "raise `optimizer.schedule.\(change.key)` from \(from) to \(to) (the last step then "
        + "trains at \(Self.short(freeze.endRate(with: change)))), or remove `optimizer.schedule`"
    } else {
      text += "remove `optimizer.schedule`"
    }
    return Remedy(name: "a schedule that lets it train", text: text)
  }
}
