import COpenBLAS

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// The element types the engine computes in: `Float` (float32) and `Double` (float64).
///
/// Generic engine code works on whole arrays through these requirements (BLAS calls and
/// the array kernels in `Kernels.swift`), never element by element through a witness table,
/// so that one generic implementation serves both types at full speed.
public protocol Scalar: BinaryFloatingPoint, Sendable, LosslessStringConvertible
where Self.RawSignificand: FixedWidthInteger {
  /// The spec's name for this type: `float32` or `float64`.
  static var dtype: DType { get }
  /// `C = alpha · op(A) · op(B) + beta · C` (row-major `?gemm`).
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
    a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int, beta: Self,
    c: UnsafeMutablePointer<Self>, ldc: Int)
  /// `y = alpha · op(A) · x + beta · y` (row-major `?gemv`, A is m×n before `op`).
  static func gemv(
    trans: Bool, m: Int, n: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
    x: UnsafePointer<Self>, incx: Int, beta: Self, y: UnsafeMutablePointer<Self>, incy: Int)
  /// Natural logarithm, in this type's precision (the C library's `log` or `logf`).
  static func log(_ x: Self) -> Self
  /// `eˣ`, in this type's precision.
  static func exp(_ x: Self) -> Self
  /// `log(1 + x)`, accurate for `x` near 0.
  static func log1p(_ x: Self) -> Self
  /// Hyperbolic tangent, in this type's precision.
  static func tanh(_ x: Self) -> Self
  /// `value` rounded to this type (to nearest, ties to even; exact for float64).
  init(_ value: Double)
  /// The value as a float64 (exact for both types).
  var doubleValue: Double { get }
}

@inline(__always) private func order() -> CBLAS_ORDER { CblasRowMajor }
@inline(__always) private func tr(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }

extension Double: Scalar {
  /// The spec's name for this type: `float64`.
  public static var dtype: DType { .float64 }
  /// `C = alpha · op(A) · op(B) + beta · C` with OpenBLAS's `cblas_dgemm`.
  @inline(__always)
  public static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double,
    c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    BLAS.prepareCallingThread()
    cblas_dgemm(
      order(), tr(transA), tr(transB), blasint(m), blasint(n), blasint(k), alpha, a,
      blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
  }
  /// `y = alpha · op(A) · x + beta · y` with OpenBLAS's `cblas_dgemv`.
  @inline(__always)
  public static func gemv(
    trans: Bool, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
    x: UnsafePointer<Double>, incx: Int, beta: Double, y: UnsafeMutablePointer<Double>, incy: Int
  ) {
    BLAS.prepareCallingThread()
    cblas_dgemv(
      order(), tr(trans), blasint(m), blasint(n), alpha, a, blasint(lda), x, blasint(incx), beta,
      y, blasint(incy))
  }
  /// Natural logarithm (C's `log`).
  @inline(__always) public static func log(_ x: Double) -> Double { Glibc.log(x) }
  /// `eˣ` (C's `exp`).
  @inline(__always) public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
  /// `log(1 + x)`, accurate for small `x` (C's `log1p`).
  @inline(__always) public static func log1p(_ x: Double) -> Double { Glibc.log1p(x) }
  /// Hyperbolic tangent (C's `tanh`).
  @inline(__always) public static func tanh(_ x: Double) -> Double { Glibc.tanh(x) }
  /// The value itself (already float64).
  @inline(__always) public var doubleValue: Double { self }
}

extension Float: Scalar {
  /// The spec's name for this type: `float32`.
  public static var dtype: DType { .float32 }
  /// `C = alpha · op(A) · op(B) + beta · C` with OpenBLAS's `cblas_sgemm`.
  @inline(__always)
  public static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    BLAS.prepareCallingThread()
    cblas_sgemm(
      order(), tr(transA), tr(transB), blasint(m), blasint(n), blasint(k), alpha, a,
      blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
  }
  /// `y = alpha · op(A) · x + beta · y` with OpenBLAS's `cblas_sgemv`.
  @inline(__always)
  public static func gemv(
    trans: Bool, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
    x: UnsafePointer<Float>, incx: Int, beta: Float, y: UnsafeMutablePointer<Float>, incy: Int
  ) {
    BLAS.prepareCallingThread()
    cblas_sgemv(
      order(), tr(trans), blasint(m), blasint(n), alpha, a, blasint(lda), x, blasint(incx), beta,
      y, blasint(incy))
  }
  /// Natural logarithm in float32 (C's `logf`).
  @inline(__always) public static func log(_ x: Float) -> Float { Glibc.logf(x) }
  /// `eˣ` in float32 (C's `expf`).
  @inline(__always) public static func exp(_ x: Float) -> Float { Glibc.expf(x) }
  /// `log(1 + x)` in float32, accurate for small `x` (C's `log1pf`).
  @inline(__always) public static func log1p(_ x: Float) -> Float { Glibc.log1pf(x) }
  /// Hyperbolic tangent in float32 (C's `tanhf`).
  @inline(__always) public static func tanh(_ x: Float) -> Float { Glibc.tanhf(x) }
  /// The value widened to float64 (exactly).
  @inline(__always) public var doubleValue: Double { Double(self) }
}
