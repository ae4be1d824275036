/// A dense row-major matrix over contiguous storage.
///
/// Layout convention (the whole engine): a data matrix is `(samples, features)`, one sample
/// per row, as PyTorch and scikit-learn store it. Column-major texts write `X` as `(features, m)`;
/// its `Z = W X + b` is our `z = X wᵀ + b`, and `dW = X dZᵀ / m` is our `dw = dzᵀ X / m`:
/// the same numbers, the same memory (our row-major `(m, n)` is numpy's transposed column-major
/// `(n, m)`).
public struct Matrix<T: Scalar>: Sendable, Equatable {
  /// Number of rows.
  public private(set) var rows: Int
  /// Number of columns.
  public private(set) var cols: Int
  /// Row-major elements: element `(i, j)` is `storage[i * cols + j]`.
  public var storage: [T]

  /// A `rows × cols` matrix filled with `value`.
  public init(rows: Int, cols: Int, repeating value: T = 0) {
    precondition(rows >= 0 && cols >= 0, "matrix shape must be non-negative")
    self.rows = rows
    self.cols = cols
    let count = rows * cols
    // Filled by a specialized kernel: `[T](repeating:count:)` from generic code copies element
    // by element through the value witness table.
    self.storage = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      if count > 0 { Kernels.fill(buffer.baseAddress!, with: value, count: count) }
      initialized = count
    }
  }

  /// A matrix over the given row-major elements; `storage.count` must be `rows * cols`.
  public init(rows: Int, cols: Int, storage: [T]) {
    precondition(
      storage.count == rows * cols,
      "storage has \(storage.count) elements, shape \(rows)×\(cols) needs \(rows * cols)")
    self.rows = rows
    self.cols = cols
    self.storage = storage
  }

  /// A matrix from nested rows (tests, explicit weights in specs).
  public init(_ nested: [[T]]) {
    let r = nested.count
    let c = nested.first?.count ?? 0
    precondition(nested.allSatisfy { $0.count == c }, "ragged rows")
    self.init(rows: r, cols: c, storage: nested.flatMap { $0 })
  }

  /// `(rows, cols)`.
  public var shape: (rows: Int, cols: Int) { (rows, cols) }
  /// Total number of elements.
  public var count: Int { storage.count }

  /// Element `(i, j)`.
  @inlinable public subscript(i: Int, j: Int) -> T {
    get { storage[i * cols + j] }
    set { storage[i * cols + j] = newValue }
  }

  /// Row `i` as an array.
  public func row(_ i: Int) -> [T] { Array(storage[(i * cols)..<((i + 1) * cols)]) }

  /// Rows picked by index, in the given order (mini-batches, splits, bootstrap resamples).
  public func rows(_ indices: some Collection<Int>) -> Matrix {
    var out = Matrix(rows: indices.count, cols: cols)
    let c = cols
    storage.withUnsafeBufferPointer { src in
      out.storage.withUnsafeMutableBufferPointer { dst in
        var r = 0
        for i in indices {
          precondition(i >= 0 && i < rows, "row index \(i) out of range 0..<\(rows)")
          (dst.baseAddress! + r * c).update(from: src.baseAddress! + i * c, count: c)
          r += 1
        }
      }
    }
    return out
  }

  /// The same elements converted to another scalar type.
  public func converted<U: Scalar>(to: U.Type = U.self) -> Matrix<U> {
    if let same = self as? Matrix<U> { return same }
    var out = Matrix<U>(rows: rows, cols: cols)
    if count == 0 { return out }
    var wide = [Double](repeating: 0, count: count)
    storage.withUnsafeBufferPointer { s in
      wide.withUnsafeMutableBufferPointer {
        Kernels.widen(s.baseAddress!, into: $0.baseAddress!, count: count)
      }
    }
    wide.withUnsafeBufferPointer { w in
      out.storage.withUnsafeMutableBufferPointer {
        Kernels.narrow(w.baseAddress!, into: $0.baseAddress!, count: count)
      }
    }
    return out
  }

  /// Reinterprets the shape without moving elements (`rows * cols` must not change).
  public func reshaped(rows: Int, cols: Int) -> Matrix {
    Matrix(rows: rows, cols: cols, storage: storage)
  }
}

extension Matrix {
  /// `self · other` through BLAS `?gemm`.
  public func matmul(_ other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false)
    -> Matrix
  {
    let m = transposeSelf ? cols : rows
    let k = transposeSelf ? rows : cols
    let k2 = transposeOther ? other.cols : other.rows
    let n = transposeOther ? other.rows : other.cols
    precondition(k == k2, "matmul shape mismatch: \(m)×\(k) · \(k2)×\(n)")
    var out = Matrix(rows: m, cols: n)
    if m == 0 || n == 0 { return out }
    if k == 0 { return out }
    storage.withUnsafeBufferPointer { a in
      other.storage.withUnsafeBufferPointer { b in
        out.storage.withUnsafeMutableBufferPointer { c in
          T.gemm(
            transA: transposeSelf, transB: transposeOther, m: m, n: n, k: k, alpha: 1,
            a: a.baseAddress!, lda: cols, b: b.baseAddress!, ldb: other.cols, beta: 0,
            c: c.baseAddress!, ldc: n)
        }
      }
    }
    return out
  }
}
