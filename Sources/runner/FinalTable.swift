import Pipeline
import Reports

/// The short table printed on stdout at the end of a run.
struct FinalTable {
  let outcome: RunOutcome

  var text: String {
    var rows: [(String, String)] = []
    for cell in outcome.figures {
      let macro = ResultsReport.macro(cell.name, classes: outcome.classes)
      rows.append((cell.name + macro, cell.value.text))
    }
    if let verdict = outcome.verdict {
      rows.append(("bias/variance", verdict + (outcome.gaps.map { ": " + $0 } ?? "")))
    }
    for (index, next) in outcome.nextSteps.enumerated() {
      rows.append((index == 0 ? "try next" : "", next))
    }
    let width = rows.map(\.0.count).max() ?? 0
    var lines = ["\(outcome.name): \(outcome.stopReason)"]
    for (name, value) in rows {
      lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
    }
    lines.append("results: \(outcome.directory)/ (\(outcome.files.joined(separator: ", ")))")
    return lines.joined(separator: "\n")
  }
}
