/// Optimizer kernels (specialized for `Float` and `Double`; see `Kernels`).
///
/// The complements `1 − α`, `1 − β₁`, `1 − β₂` come in computed in `Double` and rounded once,
/// as torch.optim passes them (`value=1 - beta2` in Python floats): `1 − Float(0.999)` is
/// 1.3e-5 off `Float(0.001)`, and in float32 Adam that error never cancels the bias correction.
enum OptimizerKernels {
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func momentum<T: Scalar>(
    _ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ b: UnsafeMutablePointer<T>, count: Int,
    lr: T, mu: T, firstStep: Bool, nesterov: Bool
  ) {
    for i in 0..<count {
      let buf = firstStep ? g[i] : mu * b[i] + g[i]
      b[i] = buf
      p[i] -= lr * (nesterov ? g[i] + mu * buf : buf)
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func rmsprop<T: Scalar>(
    _ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ v: UnsafeMutablePointer<T>, count: Int,
    lr: T, alpha: T, oneMinusAlpha: T, eps: T
  ) {
    for i in 0..<count {
      let sq = alpha * v[i] + oneMinusAlpha * g[i] * g[i]
      v[i] = sq
      p[i] -= lr * g[i] / (sq.squareRoot() + eps)
    }
  }

  /// RMSprop with momentum, as `torch.optim.RMSprop(momentum: μ)`:
  /// `v ← α v + (1 − α) g²`, `b ← μ b + g / (√v + ε)`, `θ ← θ − lr·b`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func rmspropMomentum<T: Scalar>(
    _ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ v: UnsafeMutablePointer<T>,
    _ b: UnsafeMutablePointer<T>, count: Int, lr: T, alpha: T, oneMinusAlpha: T, eps: T, mu: T
  ) {
    for i in 0..<count {
      let sq = alpha * v[i] + oneMinusAlpha * g[i] * g[i]
      v[i] = sq
      let buf = mu * b[i] + g[i] / (sq.squareRoot() + eps)
      b[i] = buf
      p[i] -= lr * buf
    }
  }

  /// `torch.optim.Adagrad`: `s ← s + g²`, `θ ← θ − lr·g / (√s + ε)` (`lr` already decayed).
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func adagrad<T: Scalar>(
    _ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ sum: UnsafeMutablePointer<T>,
    count: Int, lr: T, eps: T
  ) {
    for i in 0..<count {
      let s = sum[i] + g[i] * g[i]
      sum[i] = s
      p[i] -= lr * g[i] / (s.squareRoot() + eps)
    }
  }

  /// `torch.optim.NAdam`: `m`, `v` as Adam; `d = √(v / (1 − β₂ᵗ)) + ε`;
  /// `θ ← θ + gradStep·g/d + momentStep·m/d`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func nadam<T: Scalar>(
    _ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ m: UnsafeMutablePointer<T>,
    _ v: UnsafeMutablePointer<T>, count: Int, gradStep: T, momentStep: T, bc2: T,
    oneMinusB1: T, b2: T, oneMinusB2: T, eps: T
  ) {
    for i in 0..<count {
      let mi = m[i] + oneMinusB1 * (g[i] - m[i])
      let vi = b2 * v[i] + oneMinusB2 * g[i] * g[i]
      m[i] = mi
      v[i] = vi
      let d = (vi / bc2).squareRoot() + eps
      p[i] += gradStep * (g[i] / d)
      p[i] += momentStep * (mi / d)
    }
  }

  /// `torch.optim.Adamax`: `m ← β₁m + (1 − β₁)g`, `u ← max(β₂u, |g| + ε)` (NaN when either is,
  /// as `torch.maximum`), `θ ← θ − stepSize·m / u` (`stepSize` = lr / (1 − β₁ᵗ)).
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func adamax<T: Scalar>(
    _ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ m: UnsafeMutablePointer<T>,
    _ u: UnsafeMutablePointer<T>, count: Int, stepSize: T, oneMinusB1: T, b2: T, eps: T
  ) {
    for i in 0..<count {
      // PyTorch: exp_avg.lerp_(grad, 1 − β₁); torch.maximum(exp_inf·β₂, |grad| + eps);
      // param.addcdiv_(exp_avg, exp_inf, value: −clr). torch.maximum keeps a NaN gradient in
      // the running maximum, where Swift.max would drop it and keep β₂u.
      let mi = m[i] + oneMinusB1 * (g[i] - m[i])
      let ui = Kernels.maximum(b2 * u[i], abs(g[i]) + eps)
      m[i] = mi
      u[i] = ui
      p[i] -= stepSize * (mi / ui)
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func adam<T: Scalar>(
    _ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ m: UnsafeMutablePointer<T>,
    _ v: UnsafeMutablePointer<T>, count: Int, stepSize: T, bc2Sqrt: T, oneMinusB1: T, b2: T,
    oneMinusB2: T, eps: T
  ) {
    for i in 0..<count {
      // PyTorch: exp_avg.lerp_(grad, 1 − β₁); exp_avg_sq.mul_(β₂).addcmul_(grad, grad, 1 − β₂)
      let mi = m[i] + oneMinusB1 * (g[i] - m[i])
      let vi = b2 * v[i] + oneMinusB2 * g[i] * g[i]
      m[i] = mi
      v[i] = vi
      p[i] -= stepSize * mi / (vi.squareRoot() / bc2Sqrt + eps)
    }
  }
}

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif
