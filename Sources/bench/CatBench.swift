import ArgumentParser
import CommandLineOptions
import Datasets
import Engine
import Foundation

/// `bench cat`: a 2000-iteration logistic regression loop on cat vs non-cat, in
/// float64 and float32, beside the equivalent numpy code run in the same invocation
/// (`scripts/reference/engine/cat_numpy.py`) when python3 with numpy is available.
struct CatBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cat",
    abstract: "Time the cat-vs-non-cat logistic regression loop beside numpy's.")

  @Option(
    help: "Directory holding catvnoncat/ (default: $RUNNER_DATA_PATH, then ../shared/datasets).")
  var data: String?

  @Option(help: "Gradient-descent iterations.")
  var iterations = 2000

  @Option(name: .customLong("repeat"), help: "Timed repetitions per dtype (the median is printed).")
  var repetitions = 3

  @Flag(help: "Skip the numpy peer.")
  var noPeer = false

  @OptionGroup var blas: BLASKernelOption

  func run() async throws {
    try BLAS.configure(threads: 1)
    let dir = BenchData.directory(data, holding: "catvnoncat/train_x.npy")
    let xArray = try NPYFile.read(dir + "/catvnoncat/train_x.npy")
    let yArray = try NPYFile.read(dir + "/catvnoncat/train_y.npy")
    let labels = try yArray.classIndices(classCount: 2)
    let config = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, optimizer: .gd,
      learningRate: 0.005,
      budget: .iterations(iterations), recordEvery: 100, initializer: .zeros, metrics: [.accuracy])

    print(
      "bench cat: \(iterations) iterations of full-batch gradient descent, 209 × 12288 \(BenchEnvironment.tag)"
    )
    var ours: [String: Double] = [:]
    for dtype in DType.allCases {
      let (seconds, cost, b) =
        try dtype == .float64
        ? time(Double.self, xArray, labels, config) : time(Float.self, xArray, labels, config)
      ours[dtype.rawValue] = seconds
      print(
        String(
          format: "runner %@ %.4f s  final cost %.10f  b %.10f", dtype.rawValue, seconds, cost, b)
          + "  " + BenchEnvironment.tag)
    }
    guard !noPeer else { return }
    guard let peer = runNumpy(dir) else {
      print(
        "numpy: not available (python3 -c 'import numpy' failed); reference on this machine kind: float64 1.11 s, float32 0.45 s"
      )
      return
    }
    for line in peer.split(separator: "\n") {
      let f = line.split(separator: " ")
      guard f.count >= 3, f[0] == "numpy", let t = Double(f[2]) else { continue }
      let dtype = String(f[1])
      print(line)
      if let mine = ours[dtype] {
        print(String(format: "ratio %@: runner / numpy = %.3f (target ≤ 0.5)", dtype, mine / t))
      }
    }
  }

  func time<T: Scalar>(_: T.Type, _ x: NDArray, _ labels: [Int], _ config: TrainingConfiguration)
    throws -> (Double, Double, Double)
  {
    var matrix = try x.matrix(T.self, flatten: true)
    let scale = T(1.0 / 255.0)
    matrix.storage.withUnsafeMutableBufferPointer {
      Kernels.scale(scale, $0.baseAddress!, count: $0.count)
    }
    let train = Examples(x: matrix, labels: labels)
    var times: [Double] = []
    var last: TrainingResult<T>?
    for _ in 0..<max(repetitions, 1) {
      let clock = ContinuousClock()
      let start = clock.now
      last = try Trainer.train(config, train: train)
      let d = clock.now - start
      times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
    times.sort()
    let r = last!
    return (
      times[times.count / 2], r.final?.train.loss ?? .nan,
      r.model.network?.layers[0].bias[0].doubleValue ?? .nan
    )
  }

  /// Runs the numpy reference; nil when python3 or numpy is missing.
  func runNumpy(_ dir: String) -> String? {
    guard Self.shell(["python3", "-c", "import numpy"]) != nil else { return nil }
    let script = "scripts/reference/engine/cat_numpy.py"
    guard FileManager.default.fileExists(atPath: script) else { return nil }
    return Self.shell([
      "python3", script, "--data", dir, "--iterations", "\(iterations)", "--repeat",
      "\(max(repetitions, 1))",
    ])
  }

  /// Runs a command; its standard output, or nil when it cannot run or fails.
  static func shell(_ args: [String]) -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = args
    p.environment = BenchEnvironment.peerEnvironment
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
  }
}
