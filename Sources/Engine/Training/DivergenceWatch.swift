/// Tells when training has diverged: a NaN or infinite loss always, and, when `factor` > 0, a
/// finite loss above `factor` times the loss the same component started from (at least 10⁻³,
/// so a start at an exact fit does not turn rounding noise into a divergence). A model trained
/// alone starts from the larger of its first step's loss and the whole training set's before
/// it (`wholeSetStart`): a first mini-batch may hold only the rows of smallest loss (sorted
/// data), against which the later batches of a converging run looked diverged.
struct DivergenceWatch {
  /// The multiple of the starting loss a loss may reach (0: only NaN and ∞ count).
  let factor: Double
  /// The first loss seen per component (one-vs-rest and one-vs-one train several).
  var starts: [Double?]
  /// The largest finite loss seen per component; nil when unknown (a run that went on from a
  /// checkpoint of an earlier version, which did not keep it).
  var peaks: [Double?]?

  /// The loss over the whole training set before the first update, when one model trains
  /// alone (one-vs-rest's and one-vs-one's models each have a loss of their own).
  var wholeSetStart: Double?

  /// The smallest starting loss the limit is computed from.
  static let startFloor = 1e-3

  /// A watch with `factor` (the spec's `optimizer.divergence_factor`) over `components` models.
  init(factor: Double, components: Int) {
    self.factor = factor
    starts = Array(repeating: nil, count: components)
    peaks = starts
  }

  /// The divergence when `loss`, the loss of `component` before update `iteration + 1`, is out of
  /// bounds; the first finite loss of each component sets its start, the largest its peak.
  mutating func check(_ loss: Double, component: Int, iteration: Int) -> Divergence? {
    if starts[component] == nil, loss.isFinite {
      let whole = starts.count == 1 ? wholeSetStart.flatMap { $0.isFinite ? $0 : nil } : nil
      starts[component] = max(loss, whole ?? loss)
    }
    if loss.isFinite, peaks != nil { peaks![component] = max(peaks![component] ?? loss, loss) }
    return Self.check(loss, start: starts[component], factor: factor, iteration: iteration)
  }

  /// The divergence when `loss` is not finite or exceeds `factor` × `start` (floored).
  static func check(_ loss: Double, start: Double?, factor: Double, iteration: Int)
    -> Divergence?
  {
    guard loss.isFinite else { return Divergence(iteration: iteration, loss: loss) }
    guard factor > 0, let start, start.isFinite else { return nil }
    let limit = factor * max(start, startFloor)
    return loss > limit ? Divergence(iteration: iteration, loss: loss, limit: limit) : nil
  }
}
