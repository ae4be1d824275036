/// How an entry is judged when the whole objective's one-sided differences refuse it at a kink:
/// piece by piece, since the objective is a sum over rows.
///
/// When several rows sit on the same kink (a relu unit whose z is 0 on each, e.g. a zero
/// weight column and bias), the objective's left derivative along the entry sums the rows that
/// switch on to the left, its right derivative those that switch on to the right, and a valid
/// choice of each row's subgradient (torch's relu'(0) = 0 for all of them) need not lie between
/// the two. It lies in the sum of the rows' own intervals: with `J = Σ_r J_r + P` (row r's
/// share of the mean loss, P the penalty), each piece's one-sided differences at a kink (or its
/// centered difference within the floor where it is smooth), summed. An analytic value outside
/// that sum is a real mismatch. The sum holds when a row's loss depends on its own row only
/// and meets one kink there; batch normalization couples the rows through the batch
/// statistics, so with it an entry refused at a kink two or more rows share is undecided.
struct SharedKinkCheck: Equatable {
  /// The rows whose own share of the loss has a kink within ±2ε along the entry.
  var rowsAtKink: Int
  /// The relative distance of the analytic value outside the summed intervals (0 inside).
  var excess: Double

  /// Judges `analytic` from `values` (J at θ − 2ε … θ + 2ε) and `rows` (per offset, each row's
  /// share of J at that offset); `P` is what the rows do not account for.
  init(analytic g: Double, values j: [Double], rows: [[Double]], epsilon e: Double) {
    precondition(j.count == 5 && rows.count == 5, "five offsets: θ − 2ε … θ + 2ε")
    let count = rows[0].count
    var pieces = (0..<count).map { r in
      GradientEntryCheck.Differences(values: rows.map { $0[r] }, epsilon: e)
    }
    rowsAtKink = pieces.filter(\.kink).count
    let penalty = (0..<5).map { k in j[k] - rows[k].reduce(0, +) }
    var rest = GradientEntryCheck.Differences(values: penalty, epsilon: e)
    // The rest is the whole minus the rows: it carries the whole's rounding.
    rest.floor += GradientEntryCheck.Differences(values: j, epsilon: e).roundoff
    pieces.append(rest)
    let low = pieces.map(\.bounds.lowerBound).reduce(0, +)
    let high = pieces.map(\.bounds.upperBound).reduce(0, +)
    excess = GradientEntryCheck.relative(
      GradientEntryCheck.distance(g, low...high), max(abs(g), abs(low), abs(high)))
  }
}
