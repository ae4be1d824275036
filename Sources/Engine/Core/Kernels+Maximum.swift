extension Kernels {
  /// The larger of `a` and `b`, NaN when either is NaN (as `torch.maximum` and
  /// `numpy.maximum`); otherwise exactly `Swift.max(a, b)` (`b >= a ? b : a`), which returns
  /// `a` when `b` is NaN and so drops a NaN in second place. One select: it vectorizes.
  @inline(__always)
  static func maximum<T: FloatingPoint>(_ a: T, _ b: T) -> T {
    // A NaN `a` fails `b >= a` and is kept; a NaN `b` is taken by `b.isNaN`.
    b >= a || b.isNaN ? b : a
  }
}
