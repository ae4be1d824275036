/// Elementwise and reduction kernels over raw buffers: the only place the engine loops over
/// elements.
///
/// Specialization (measured, see `Sources/Engine/README.md`): the engine is compiled with `-O`
/// but one file at a time (no whole-module optimization), so a generic function calling a
/// generic kernel in another file would run unspecialized, through per-element witness-table
/// calls. Every kernel here is therefore marked `@_specialize` for `Float` and `Double`: the
/// compiler emits both specialized bodies and the generic entry point dispatches to them at
/// run time, so generic callers (in any file or module) get specialized speed for one
/// dynamic type check per call. Inside a kernel, conversions use the standard library
/// (`Double(x)`, inlinable) rather than `Scalar` requirements such as `doubleValue`, whose
/// implementations live in another file and would be called, not inlined, per element.
public enum Kernels {
  /// `y[i] = 1 / (1 + exp(-x[i]))`, computed without overflow for large `|x|`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func sigmoid<T: Scalar>(
    _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, count: Int
  ) {
    for i in 0..<count { y[i] = sigmoid(x[i]) }
  }

  /// The logistic function on one value (stable for both signs).
  @inline(__always) @inlinable
  public static func sigmoid<T: Scalar>(_ z: T) -> T {
    if z >= 0 {
      return 1 / (1 + T.exp(-z))
    } else {
      let e = T.exp(z)
      return e / (1 + e)
    }
  }

  /// Sum of `x[0..<count]` accumulated in `Double` (deterministic order).
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func sum<T: Scalar>(_ x: UnsafePointer<T>, count: Int) -> Double {
    var s = 0.0
    for i in 0..<count { s += Double(x[i]) }
    return s
  }

  /// `y[i] += alpha * x[i]`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func axpy<T: Scalar>(
    _ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, count: Int
  ) {
    for i in 0..<count { y[i] += alpha * x[i] }
  }

  /// `x[i] = value` (initializes memory).
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func fill<T: Scalar>(_ x: UnsafeMutablePointer<T>, with value: T, count: Int) {
    x.initialize(repeating: value, count: count)
  }

  /// `x[i] += c`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func addScalar<T: Scalar>(_ c: T, _ x: UnsafeMutablePointer<T>, count: Int) {
    for i in 0..<count { x[i] += c }
  }

  /// `x[i] *= alpha`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func scale<T: Scalar>(_ alpha: T, _ x: UnsafeMutablePointer<T>, count: Int) {
    for i in 0..<count { x[i] *= alpha }
  }

  /// Column sums of a row-major `(rows, cols)` matrix, times `alpha`: `out[j] = alpha Σ_i a[i, j]`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func columnSums<T: Scalar>(
    _ a: UnsafePointer<T>, rows: Int, cols: Int, alpha: T, _ out: UnsafeMutablePointer<T>
  ) {
    for j in 0..<cols { out[j] = 0 }
    for i in 0..<rows {
      let row = a + i * cols
      for j in 0..<cols { out[j] += row[j] }
    }
    for j in 0..<cols { out[j] *= alpha }
  }

  /// `out[j] += alpha·Σ_i a[i, j]` over the rows of a row-major `(rows, cols)` matrix (plain
  /// descent's bias step). float64 adds `alpha·a[i, j]` row by row (its recorded trajectories);
  /// float32 sums each column in `Double`, rounds the sum once and adds `alpha` times it, as torch
  /// steps a bias by its summed gradient: row by row, every addition would round to the ulp of
  /// `out[j]`, drifting far beyond float32's own error when the rows' terms share a sign.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func addColumnSums<T: Scalar>(
    _ a: UnsafePointer<T>, rows: Int, cols: Int, alpha: T, _ out: UnsafeMutablePointer<T>
  ) {
    if T.self == Double.self {
      for i in 0..<rows {
        let row = a + i * cols
        for j in 0..<cols { out[j] += alpha * row[j] }
      }
      return
    }
    withUnsafeTemporaryAllocation(of: Double.self, capacity: cols) { sums in
      sums.initialize(repeating: 0)
      for i in 0..<rows {
        let row = a + i * cols
        for j in 0..<cols { sums[j] += Double(row[j]) }
      }
      for j in 0..<cols { out[j] += alpha * T(sums[j]) }
    }
  }

  /// Adds the row vector `bias` to every row of the row-major `(rows, cols)` matrix `a`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func addRowVector<T: Scalar>(
    _ bias: UnsafePointer<T>, _ a: UnsafeMutablePointer<T>, rows: Int, cols: Int
  ) {
    for i in 0..<rows {
      let row = a + i * cols
      for j in 0..<cols { row[j] += bias[j] }
    }
  }

  /// Proximal step of `t·‖w‖₁` (soft-thresholding): `w ← sign(w)·max(|w| − t, 0)`; exact
  /// zeros; a NaN weight stays NaN (as numpy's), so the next loss shows it.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func softThreshold<T: Scalar>(
    _ w: UnsafeMutablePointer<T>, count: Int, threshold t: T
  ) {
    for i in 0..<count {
      let v = w[i]
      if v > t {
        w[i] = v - t
      } else if v < -t {
        w[i] = v + t
      } else if !v.isNaN {
        w[i] = 0
      }
    }
  }

  /// `y[i] += alpha·sign(x[i])`, with sign(0) = 0 (torch's derivative of `|x|`).
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func addSign<T: Scalar>(
    _ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, count: Int
  ) {
    for i in 0..<count {
      let v = x[i]
      if v > 0 {
        y[i] += alpha
      } else if v < 0 {
        y[i] -= alpha
      }
    }
  }

  /// `Σ x[i]²` in `Double`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func sumOfSquares<T: Scalar>(_ x: UnsafePointer<T>, count: Int) -> Double {
    var s = 0.0
    for i in 0..<count {
      let v = Double(x[i])
      s += v * v
    }
    return s
  }

  /// `Σ |x[i]|` in `Double`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func sumOfAbsolutes<T: Scalar>(_ x: UnsafePointer<T>, count: Int) -> Double {
    var s = 0.0
    for i in 0..<count { s += abs(Double(x[i])) }
    return s
  }

  /// True when every element is finite.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func allFinite<T: Scalar>(_ x: UnsafePointer<T>, count: Int) -> Bool {
    for i in 0..<count where !x[i].isFinite { return false }
    return true
  }

  /// Copies rows `indices[0..<count]` of a row-major matrix with `cols` columns into `out`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func gatherRows<T: Scalar>(
    _ src: UnsafePointer<T>, cols: Int, indices: UnsafePointer<Int>, count: Int,
    into out: UnsafeMutablePointer<T>
  ) {
    // A whole-row memory copy (the C library's, wider than this file's vector code).
    for r in 0..<count { (out + r * cols).update(from: src + indices[r] * cols, count: cols) }
  }

  /// `out[i] = Double(x[i])`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func widen<T: Scalar>(
    _ x: UnsafePointer<T>, into out: UnsafeMutablePointer<Double>, count: Int
  ) {
    for i in 0..<count { out[i] = Double(x[i]) }
  }

  /// `out[i] = T(x[i])`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func narrow<T: Scalar>(
    _ x: UnsafePointer<Double>, into out: UnsafeMutablePointer<T>, count: Int
  ) {
    for i in 0..<count { out[i] = T(x[i]) }
  }

  /// Predicted class per row of `(rows, cols)` outputs: `x > 0.5` for one column, otherwise
  /// the index of the largest value (the first on ties).
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func predictedClasses<T: Scalar>(
    _ outputs: UnsafePointer<T>, rows: Int, cols: Int, into labels: UnsafeMutablePointer<Int>
  ) {
    for i in 0..<rows {
      let row = outputs + i * cols
      if cols == 1 {
        labels[i] = row[0] > 0.5 ? 1 : 0
        continue
      }
      var best = 0
      for j in 1..<max(cols, 1) where row[j] > row[best] { best = j }
      labels[i] = best
    }
  }
}
