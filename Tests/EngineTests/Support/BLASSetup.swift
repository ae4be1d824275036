import Engine

/// Engine tests run OpenBLAS on one thread (deterministic and fair to the other jobs).
enum BLASSetup {
  static func once() { try? BLAS.configure(threads: 1) }
}
