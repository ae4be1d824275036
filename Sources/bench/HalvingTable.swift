import Foundation

/// The table `bench halving` prints: one row per search (the runner's and the peers'), and the
/// acceptance line for successive halving (its choice in the full grid's top 5, at most 1/3
/// of the grid's epochs).
struct HalvingTable {
  var space: HalvingSpace
  var ranking: GridRanking?
  var gridEpochs: Int

  /// A Markdown table, one row per search; unavailable searches say why.
  func render(_ searches: [HalvingSearch]) -> String {
    var lines = [
      "| method | trials | epochs | of the grid's | wall s (of which loading data, training) | best dev acc | its test acc | its place in the grid (strictly better) | configuration |",
      "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in searches {
      if let reason = s.unavailable {
        lines.append("| \(s.method) | unavailable (\(reason)) | | | | | | | |")
        continue
      }
      let place =
        ranking?.place(of: s.configuration).map { "\($0.position) (\($0.strictlyBetter))" } ?? "-"
      let cells = [
        s.method, "\(s.trials)", "\(s.epochs)",
        String(format: "%.1f%%", 100 * Double(s.epochs) / Double(gridEpochs)),
        String(format: "%.1f", s.seconds)
          + (s.loading.isNaN
            ? "" : String(format: " (%.1f, %.1f)", s.loading, s.training)),
        String(format: "%.4f", s.dev),
        String(format: "%.4f", s.test), place, configurationText(s.configuration),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  /// `lr 0.003, units 128, l2 0.0001, batch 16`, in the axes' order.
  func configurationText(_ configuration: [String: Double]) -> String {
    space.axes.map { axis in
      let name = HalvingSpace.peerKeys[axis.path] ?? axis.path
      let value = configuration[axis.path] ?? .nan
      return
        "\(name) \(value == value.rounded() && abs(value) < 1e6 ? String(Int(value)) : "\(value)")"
    }.joined(separator: ", ")
  }

  /// The acceptance for successive halving: its choice among the full grid's best 5 at the
  /// full budget, with at most a third of the grid's epochs.
  static func acceptance(
    _ halving: HalvingSearch, ranking: GridRanking?, gridEpochs: Int
  ) -> String {
    guard halving.unavailable == nil, let ranking else {
      return "acceptance: not measured (successive halving or the full grid did not run)"
    }
    guard let place = ranking.place(of: halving.configuration) else {
      return "acceptance: successive halving's choice is not in the grid (different axes?)"
    }
    let ratio = Double(halving.epochs) / Double(gridEpochs)
    let top = place.position <= 5
    let cheap = 3 * halving.epochs <= gridEpochs
    return String(
      format:
        "acceptance: successive halving's choice is number %d of %d in the full grid at the full budget (%d strictly better by dev accuracy): in the top 5: %@; epochs %d / %d = %.3f, at most 1/3: %@",
      place.position, ranking.rows.count, place.strictlyBetter, top ? "yes" : "NO",
      halving.epochs, gridEpochs, ratio, cheap ? "yes" : "NO")
  }
}
