import ArgumentParser
import CommandLineOptions
import Datasets
import Engine
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `bench mlp`: an MLP 784-1024-10 (ReLU, cross-entropy, SGD lr 0.1, batch 64,
/// shuffled, PyTorch's default initialization) on Fashion-MNIST or MNIST: seconds per epoch
/// (training steps only: shuffling, batch gathering, forward, backward, update; the
/// evaluations at the first record and at the end are excluded), achieved GFLOP/s, test
/// accuracy and peak memory, beside PyTorch run in the same invocation when it is installed.
struct MLPBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mlp", abstract: "Time the 784-1024-10 MLP on Fashion-MNIST/MNIST beside PyTorch.")

  @OptionGroup var blas: BLASKernelOption

  @Option(help: "fashion-mnist or mnist.")
  var dataset = "fashion-mnist"

  @Option(
    help:
      "Directory holding fashion-mnist/ and mnist/ (default: $RUNNER_DATA_PATH, then ../shared/datasets)."
  )
  var data: String?

  @Option(help: "Passes over the training set.")
  var epochs = 5

  @Option(help: "OpenBLAS threads.")
  var threads = 2

  @Option(help: "float32 or float64.")
  var dtype = "float32"

  @Option(help: "Hidden layers' widths, comma-separated (e.g. 50,100 with --activation sigmoid).")
  var hidden = "1024"

  @Option(help: "Hidden activation: relu, sigmoid or tanh.")
  var activation = "relu"

  @Option(help: "SGD learning rate (0.1 for ReLU; a sigmoid network learns faster with ~1.0).")
  var learningRate = 0.1

  @Option(help: "Seed (initial weights and shuffles).")
  var seed: UInt64 = 0

  @Flag(help: "Batch-normalize the hidden layers (training then takes the gradient-buffer path).")
  var batchNorm = false

  @Flag(help: "Skip the PyTorch peer.")
  var noPeer = false

  func validate() throws {
    guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    guard learningRate > 0 else { throw ValidationError("--learning-rate must be > 0") }
    guard ["float32", "float64"].contains(dtype) else {
      throw ValidationError("--dtype must be float32 or float64")
    }
  }

  func run() async throws {
    try BLAS.configure(threads: threads)
    let dir = BenchData.directory(data, holding: "\(dataset)/train-images-idx3-ubyte.gz")
    let base = "\(dir)/\(dataset)/"
    let widths = hidden.split(separator: ",").compactMap { Int($0) }
    let act: ActivationKind =
      activation == "sigmoid" ? .sigmoid : activation == "tanh" ? .tanh : .relu
    let hiddenLayers = widths.map { width in
      var layer = LayerSpec(width, act)
      if batchNorm { layer.normalization = .batchNorm }
      return layer
    }
    let config = TrainingConfiguration(
      model: .mlp(layers: hiddenLayers + [LayerSpec(10, .softmax)]),
      loss: .crossEntropy,
      optimizer: .sgd, learningRate: learningRate, batchSize: 64, budget: .epochs(epochs),
      recordEvery: max(epochs, 1),
      initializer: .pytorch, metrics: [.accuracy], seed: seed)
    print(
      "bench mlp: \(dataset) 784-\(hidden)-10 \(activation)\(batchNorm ? " batch_norm" : ""), sgd lr \(learningRate), batch 64, \(epochs) epoch(s), \(dtype) \(BenchEnvironment.tag)"
    )
    let ours =
      dtype == "float64"
      ? try measure(Double.self, base, config, widths)
      : try measure(Float.self, base, config, widths)
    if !noPeer { peer(dir, ours: ours) }
  }

  func load<T: Scalar>(_ base: String, _ split: String, _: T.Type) throws -> Examples<T> {
    var x = try IDXFile.readMatrix(base + "\(split)-images-idx3-ubyte.gz", as: T.self)
    x.storage.withUnsafeMutableBufferPointer {
      Kernels.scale(T(1.0 / 255.0), $0.baseAddress!, count: $0.count)
    }
    let labels = try IDXFile.read(base + "\(split)-labels-idx1-ubyte.gz").classIndices(
      classCount: 10)
    return Examples(x: x, labels: labels)
  }

  func measure<T: Scalar>(
    _: T.Type, _ base: String, _ config: TrainingConfiguration, _ widths: [Int]
  ) throws -> Double {
    let loadStart = Date()
    let train = try load(base, "train", T.self)
    let test = try load(base, "t10k", T.self)
    print(
      String(
        format: "loaded %d + %d images in %.2f s; peak memory so far %.0f MiB", train.count,
        test.count,
        Date().timeIntervalSince(loadStart), Self.peakMiB()))
    var marks: [Date] = []
    let stepsPerEpoch = (train.count + 63) / 64
    let result = try Trainer.train(config, train: train, test: test) { event in
      switch event {
      case .record(let r) where r.iteration == 0: marks.append(Date())
      case .progress(let done, _) where done % stepsPerEpoch == 0: marks.append(Date())
      default: break
      }
    }
    let perEpoch = zip(marks.dropFirst(), marks).map { $0.timeIntervalSince($1) }
    let sizes = [784] + widths + [10]
    var flopsPerSample = 0.0
    for l in 0..<(sizes.count - 1) {
      let product = 2.0 * Double(sizes[l] * sizes[l + 1])
      flopsPerSample += product * (l == 0 ? 2 : 3)  // forward, dW, and dA below the first layer
    }
    let gflop = flopsPerSample * Double(train.count) / 1e9
    for (e, s) in perEpoch.enumerated() {
      print(
        String(
          format: "epoch %d: %.3f s  (%.0f GFLOP/s)  %@", e + 1, s, gflop / s, BenchEnvironment.tag)
      )
    }
    let median = perEpoch.sorted()[(perEpoch.count - 1) / 2]
    let peakMB = Self.peakMiB()
    let trainMB = Double(train.x.count * 4) / 1_048_576
    print(
      String(
        format:
          "runner: %.3f s per epoch (median), %.0f GFLOP/s, test accuracy %.4f, peak memory %.0f MiB (float32 training set %.0f MiB, ratio %.2f)",
        median, gflop / median, result.final?.test?.metrics[.accuracy] ?? .nan, peakMB, trainMB,
        peakMB / trainMB)
        + "  " + BenchEnvironment.tag)
    let largest = Self.gemmGFLOPs(T.self, m: 64, k: 784, n: widths.max() ?? 1024)
    print(
      String(
        format:
          "gemm of the largest product (64×784)·(784×%d): %.0f GFLOP/s; the MLP epoch runs at %.0f%% of it  %@",
        widths.max() ?? 1024, largest, 100 * gflop / median / largest, BenchEnvironment.tag))
    let products = (0..<3).map { _ in
      Self.productsSeconds(
        T.self, sizes: sizes, rows: 64, steps: stepsPerEpoch, inPlace: !batchNorm)
    }.sorted()[1]
    print(
      String(
        format:
          "the step's matrix products alone (the same gemm calls, %d steps, median of 3): %.3f s per epoch; the epoch spends %.0f%% outside them  %@",
        stepsPerEpoch, products, 100 * (1 - products / median), BenchEnvironment.tag))
    return median
  }

  /// Seconds for `steps` training steps' matrix products alone: per layer the forward product,
  /// `dA` below the first layer and `dW` (added into the weights as plain SGD does, or into a
  /// gradient buffer with β = 0), the shapes, transposes and α/β of `ForwardBackward`, on
  /// stand-in values.
  static func productsSeconds<T: Scalar>(
    _: T.Type, sizes: [Int], rows: Int, steps: Int, inPlace: Bool
  ) -> Double {
    var generator = SeededGenerator(seed: 2)
    func values(_ count: Int, _ scale: Double) -> [T] {
      (0..<count).map { _ in T(Double.random(in: -scale...scale, using: &generator)) }
    }
    let layers = sizes.count - 1
    let x = values(rows * sizes[0], 1)
    var weights = (0..<layers).map { values(sizes[$0] * sizes[$0 + 1], 0.05) }
    var gradient = (0..<layers).map { [T](repeating: 0, count: sizes[$0] * sizes[$0 + 1]) }
    var z = (0..<layers).map { [T](repeating: 0, count: rows * sizes[$0 + 1]) }
    let dz = (0..<layers).map { values(rows * sizes[$0 + 1], 0.01) }
    var da = [T](repeating: 0, count: rows * (sizes.max() ?? 1))
    let start = Date()
    for _ in 0..<steps {
      for l in 0..<layers {
        let (k, n) = (sizes[l], sizes[l + 1])
        let input = l == 0 ? x : z[l - 1]
        T.gemm(
          transA: false, transB: false, m: rows, n: n, k: k, alpha: 1, a: input, lda: k,
          b: weights[l], ldb: n, beta: 0, c: &z[l], ldc: n)
      }
      for l in stride(from: layers - 1, through: 0, by: -1) {
        let (k, n) = (sizes[l], sizes[l + 1])
        if l > 0 {
          T.gemm(
            transA: false, transB: true, m: rows, n: k, k: n, alpha: 1, a: dz[l], lda: n,
            b: weights[l], ldb: n, beta: 0, c: &da, ldc: k)
        }
        let input = l == 0 ? x : z[l - 1]
        if inPlace {
          T.gemm(
            transA: true, transB: false, m: k, n: n, k: rows, alpha: -0.1, a: input, lda: k,
            b: dz[l], ldb: n, beta: 1, c: &weights[l], ldc: n)
        } else {
          T.gemm(
            transA: true, transB: false, m: k, n: n, k: rows, alpha: 1, a: input, lda: k,
            b: dz[l], ldb: n, beta: 0, c: &gradient[l], ldc: n)
        }
      }
    }
    let seconds = Date().timeIntervalSince(start)
    precondition(weights.allSatisfy { $0.allSatisfy(\.isFinite) } && da[0].isFinite)
    return seconds
  }

  /// The best rate of `(m×k)·(k×n)` products through BLAS `gemm` over about half a second, in
  /// GFLOP/s (2·m·k·n flops each), with the process's kernel and threads.
  static func gemmGFLOPs<T: Scalar>(_: T.Type, m: Int, k: Int, n: Int) -> Double {
    var generator = SeededGenerator(seed: 1)
    let a = Matrix<T>(
      rows: m, cols: k,
      storage: (0..<(m * k)).map { _ in T(Double.random(in: -1...1, using: &generator)) })
    let b = Matrix<T>(
      rows: k, cols: n,
      storage: (0..<(k * n)).map { _ in T(Double.random(in: -1...1, using: &generator)) })
    var best = Double.infinity
    let start = Date()
    var checksum = 0.0
    while Date().timeIntervalSince(start) < 0.5 {
      let t = Date()
      let c = a.matmul(b)
      best = min(best, Date().timeIntervalSince(t))
      checksum += Double(c.storage[0])
    }
    precondition(checksum.isFinite)
    return 2 * Double(m * k * n) / best / 1e9
  }

  /// Peak resident memory of this process (`ru_maxrss`).
  static func peakMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
  }

  func peer(_ dir: String, ours: Double) {
    let script = "scripts/reference/engine/mlp_torch.py"
    guard CatBench.shell(["python3", "-c", "import torch"]) != nil,
      FileManager.default.fileExists(atPath: script)
    else {
      print(
        "PyTorch: not installed; reference on this machine kind (2 threads, idle): Fashion-MNIST 3.00 s/epoch, 0.8701 after 5 epochs; MNIST 3.84 s/epoch, 0.9725"
      )
      let numpy = "scripts/reference/engine/mlp_numpy.py"
      if CatBench.shell(["python3", "-c", "import numpy"]) != nil,
        FileManager.default.fileExists(atPath: numpy),
        let out = CatBench.shell([
          "python3", numpy, "--data", dir, "--dataset", dataset, "--epochs", "1",
        ])
      {
        print(out, terminator: "")
      }
      return
    }
    if let out = CatBench.shell([
      "python3", script, "--data", dir, "--dataset", dataset, "--epochs", "\(epochs)", "--threads",
      "\(threads)",
    ]) {
      print(out, terminator: "")
      let words = out.split(separator: " ")
      if words.count > 1, words[0] == "torch", let torch = Double(words[1]) {
        print(
          String(
            format: "ratio: runner / PyTorch = %.2f (target ≤ 0.6)  %@", ours / torch,
            BenchEnvironment.tag))
      }
    }
  }
}
