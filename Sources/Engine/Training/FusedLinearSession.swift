/// Full-batch gradient descent on a one-output linear or logistic model with one pass over `X`
/// per iteration (the plain path, like numpy, reads `X` twice: `z = X w` and `dw = Xᵀ dz`).
///
/// The math is exactly the course's; only the order of work changes. At the start of an
/// iteration `z = X w + b` is already known (from the previous iteration). Then
///   `a = f(z)`, `dz = (a − y)/m` (from the loss), `db = Σ dz`,
/// and for each panel `B` of columns (sized to stay in L2 cache, e.g. 209 × ~150 doubles):
///   `dw[B] = X[:, B]ᵀ dz + l2·w[B]`   // (|B|, m)·(m) -> (|B|)
///   `w[B] −= lr·dw[B]`
///   `z_next += X[:, B] w[B]`         // while the panel is still in cache
/// and finally `b −= lr·db`, `z = z_next + b`. The gradient of every panel uses the old `dz`,
/// so the update equals the plain path's up to floating-point summation order.
///
/// Applies to: one layer, one output, optimizer `gd`, no L1 (the plain path handles the rest).
final class FusedLinearSession<T: Scalar>: TrainingSession<T> {
  private let data: Examples<T>
  private let loss: Loss
  private let activation: Activation
  private let l2: T
  private let panel: Int
  private var z: [T]
  private var zNext: [T]
  private var a: [T]
  private var dz: [T]
  private var gradPanel: [T]

  /// Whether the fast path applies to this configuration and layout.
  static func applies(_ c: TrainingConfiguration, _ layout: ParameterLayout) -> Bool {
    c.optimizer == .gd && c.regularization.l1 == 0 && layout.slots.count == 1 && layout.outputs == 1
  }

  init(
    layout: ParameterLayout, theta: [T], data: Examples<T>, loss: Loss, l2: Double,
    panelBytes: Int = 256 * 1024
  ) {
    let m = data.count
    let n = data.x.cols
    self.data = data
    self.loss = loss
    self.activation = layout.slots[0].activation
    self.l2 = T(l2)
    let width = panelBytes / max(m * MemoryLayout<T>.stride, 1)
    self.panel = min(max(8, width / 8 * 8), max(n, 1))
    z = [T](repeating: 0, count: m)
    zNext = z
    a = z
    dz = z
    gradPanel = [T](repeating: 0, count: panel)
    super.init(layout: layout, theta: theta, stepsPerEpoch: 1)
    // z = X w + b
    data.x.storage.withUnsafeBufferPointer { xp in
      self.theta.withUnsafeBufferPointer { tp in
        z.withUnsafeMutableBufferPointer { zp in
          if n > 0 {
            T.gemv(
              trans: false, m: m, n: n, alpha: 1, a: xp.baseAddress!, lda: n, x: tp.baseAddress!, incx: 1,
              beta: 0, y: zp.baseAddress!, incy: 1)
          }
          Kernels.addScalar(tp[n], zp.baseAddress!, count: m)
        }
      }
    }
  }

  override func advance(learningRate lr: Double) -> Double {
    let m = data.count
    let n = data.x.cols
    let lrT = T(lr)
    let l2 = self.l2
    let panel = self.panel
    let activation = self.activation
    let lossSum = z.withUnsafeMutableBufferPointer { zp in
      a.withUnsafeMutableBufferPointer { ap in
        dz.withUnsafeMutableBufferPointer { dp in
          data.y.storage.withUnsafeBufferPointer { yp in
            activation.forward(UnsafePointer(zp.baseAddress!), ap.baseAddress!, rows: m, cols: 1)
            return loss.evaluate(
              z: zp.baseAddress!, a: ap.baseAddress!, y: yp.baseAddress!, rows: m, cols: 1,
              activation: activation, dz: dp.baseAddress!, scale: T(1 / Double(m)))
          }
        }
      }
    }
    let db = dz.withUnsafeBufferPointer { Kernels.sum($0.baseAddress!, count: m) }
    data.x.storage.withUnsafeBufferPointer { xp in
      theta.withUnsafeMutableBufferPointer { tp in
        dz.withUnsafeBufferPointer { dp in
          zNext.withUnsafeMutableBufferPointer { np in
            gradPanel.withUnsafeMutableBufferPointer { gp in
              let x = xp.baseAddress!
              let w = tp.baseAddress!
              let g = gp.baseAddress!
              var start = 0
              while start < n {
                let width = min(panel, n - start)
                let xb = x + start
                // dw[B] = X[:, B]ᵀ dz + l2·w[B]
                if l2 != 0 { g.update(from: w + start, count: width) }
                T.gemv(
                  trans: true, m: m, n: width, alpha: 1, a: xb, lda: n, x: dp.baseAddress!, incx: 1,
                  beta: l2, y: g, incy: 1)
                // w[B] −= lr·dw[B]
                Kernels.axpy(-lrT, g, w + start, count: width)
                // z_next (+)= X[:, B] w[B]
                T.gemv(
                  trans: false, m: m, n: width, alpha: 1, a: xb, lda: n, x: w + start, incx: 1,
                  beta: start == 0 ? 0 : 1, y: np.baseAddress!, incy: 1)
                start += width
              }
              if n == 0 { np.baseAddress!.update(repeating: 0, count: m) }
              tp[n] -= lrT * T(db)
              let b = tp[n]
              z.withUnsafeMutableBufferPointer { zp in
                zp.baseAddress!.update(from: np.baseAddress!, count: m)
                Kernels.addScalar(b, zp.baseAddress!, count: m)
              }
            }
          }
        }
      }
    }
    return lossSum / Double(m)
  }
}
