import Conventions
import Reports

extension SweepText {
  /// Hyperband's plan: per bracket its rungs (trials × budget, epochs, state), then the total
  /// of all brackets against the full grid's.
  static func bracketPlan(
    _ brackets: [(s: Int, plan: HalvingRungs, complete: [Int?])], _ unit: String
  ) -> String {
    var rows: [[String]] = []
    for bracket in brackets {
      for (rung, done) in zip(bracket.plan.rungs, bracket.complete) {
        rows.append([
          String(bracket.s), String(rung.index), String(rung.trials), String(rung.budget),
          String(rung.cost),
          done.map { $0 == rung.trials ? "done" : "\($0)/\(rung.trials) done" }
            ?? "waits for rung \(rung.index - 1)",
        ])
      }
    }
    let cost = brackets.map(\.plan.cost).reduce(0, +)
    let plans = brackets.map { bracket in
      "bracket \(bracket.s): "
        + bracket.plan.rungs.map { "\($0.trials)×\($0.budget)" }.joined(separator: " → ")
        + " = \(bracket.plan.cost) \(unit)"
    }
    let continues = brackets.contains { $0.plan.rungs.contains { $0.from > 0 } }
    let how =
      continues
      ? "promoted trials continue from the rung below"
      : "promoted trials restart with the larger budget"
    return
      (["bracket plan (hyperband; \(how)):"] + plans
      + [
        TextTable(header: ["bracket", "rung", "trials", "budget", unit, "state"], rows: rows)
          .rendered(),
        "total: " + (brackets.first.map { total(cost, $0.plan, unit) } ?? "nothing to run"),
      ]).joined(separator: "\n")
  }
}
