/// How one parameter's analytic derivative is judged against finite differences.
///
/// From the objective at θ − 2ε, θ − ε, θ, θ + ε and θ + 2ε along the parameter:
///
///     D(h) = (J(θ + h) − J(θ − h)) / 2h          centered differences at h = ε and 2ε
///     S(h) = (J(θ + h) − 2J(θ) + J(θ − h)) / h²  second differences
///     F = (J(θ + ε) − J(θ)) / ε,  B = (J(θ) − J(θ − ε)) / ε   one-sided differences
///
/// The finite difference itself is only so accurate: its floor is the rounding of J
/// (64·u·max|J| / ε, u the float64 unit roundoff) plus twice its truncation error estimated
/// by Richardson, |D(2ε) − D(ε)| (ε² J''' for a smooth J). An error within the floor is no
/// error; beyond it, the excess is relative: `(|g − D(ε)| − floor) / max(|g|, |D(ε)|)`, which
/// is 0 at an exact optimum where g and D are both rounding noise.
///
/// A kink (|r| of mae at r = 0, Huber's |r| = δ, relu at 0) within ±2ε shows as second
/// differences that disagree (S(ε) ≠ S(2ε)) or a truncation estimate that is large beside the
/// one-sided differences. There the centered difference means nothing, so the analytic value
/// must instead lie between the one-sided differences B and F (within the floor): the
/// derivative on either side of the kink, or any subgradient at it. That holds for one kink;
/// where several rows share it, `SharedKinkCheck` judges the entry instead.
struct GradientEntryCheck: Equatable {
  /// The centered difference D(ε) (the value shown as the numeric gradient).
  var numeric: Double
  /// True when a kink lies within ±2ε of the parameter's value.
  var kink: Bool
  /// The relative error beyond the finite-difference floor (0 when within it).
  var excess: Double

  /// The finite differences of five values of a function along one parameter.
  struct Differences: Equatable {
    /// D(ε), the centered difference.
    var centered: Double
    /// F and B, the one-sided differences.
    var forward: Double, backward: Double
    /// The rounding of the values, 64·u·max|J| / ε.
    var roundoff: Double
    /// roundoff + 2|D(2ε) − D(ε)|: how far a smooth function's derivative may lie from D(ε).
    var floor: Double
    /// True when the values show a kink within ±2ε.
    var kink: Bool

    /// The differences of `j`, the function at θ − 2ε, θ − ε, θ, θ + ε, θ + 2ε.
    init(values j: [Double], epsilon e: Double) {
      precondition(j.count == 5, "five objective values: θ − 2ε … θ + 2ε")
      let (m2, m1, zero, p1, p2) = (j[0], j[1], j[2], j[3], j[4])
      let scale = j.map(abs).max() ?? 0
      let unit = Double.ulpOfOne
      roundoff = 64 * unit * scale / e
      centered = (p1 - m1) / (2 * e)
      let d2 = (p2 - m2) / (4 * e)
      let s1 = (p1 - 2 * zero + m1) / (e * e)
      let s2 = (p2 - 2 * zero + m2) / (4 * e * e)
      forward = (p1 - zero) / e
      backward = (zero - m1) / e
      let truncation = 2 * abs(d2 - centered)
      floor = roundoff + truncation
      let curvatureJump =
        abs(s1 - s2) > 0.25 * max(abs(s1), abs(s2)) + 64 * unit * scale / (e * e)
      let coarse = truncation > 1e-3 * max(abs(forward), abs(backward)) + 16 * roundoff
      kink = curvatureJump || coarse
    }

    /// The values the derivative may take: between the one-sided differences at a kink, else
    /// within the floor of the centered difference (each widened by the floor).
    var bounds: ClosedRange<Double> {
      kink
        ? (min(forward, backward) - floor)...(max(forward, backward) + floor)
        : (centered - floor)...(centered + floor)
    }
  }

  /// Judges `analytic` from `values`, J at θ − 2ε, θ − ε, θ, θ + ε, θ + 2ε.
  init(analytic g: Double, values j: [Double], epsilon e: Double) {
    let d = Differences(values: j, epsilon: e)
    numeric = d.centered
    kink = d.kink
    if kink {
      let range = d.bounds
      excess = Self.relative(
        Self.distance(g, range), max(abs(g), abs(d.forward), abs(d.backward)))
    } else {
      // Kernels.maximum: a NaN difference stays NaN (Swift.max(0, NaN) is 0, a pass).
      excess = Self.relative(
        Kernels.maximum(0, abs(g - d.centered) - d.floor), max(abs(g), abs(d.centered)))
    }
  }

  /// How far `g` lies outside `range` (0 inside); NaN for a NaN `g`, which no range holds
  /// (both comparisons are false for it, which read as inside).
  static func distance(_ g: Double, _ range: ClosedRange<Double>) -> Double {
    guard !g.isNaN else { return .nan }
    return g < range.lowerBound
      ? range.lowerBound - g : (g > range.upperBound ? g - range.upperBound : 0)
  }

  /// `difference / size`, 0 when the difference is 0 (also when both are 0).
  static func relative(_ difference: Double, _ size: Double) -> Double {
    difference == 0 ? 0 : difference / size
  }
}
