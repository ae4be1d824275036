import ArgumentParser
import CommandLineOptions
import Conventions
import Datasets
import Engine
import Foundation
import Pipeline

/// `bench bootstrap`: 200 bootstrap rounds of the bias/variance decomposition, timed, beside
/// mlxtend's `bias_variance_decomp` on the same work when python3 can import mlxtend and
/// scikit-learn (target: at most a fifth of mlxtend's time).
///
/// - diabetes, linear regression (exact least squares), all 10 features, train = the first 353
///   rows, test = the last 89, mse;
/// - breast cancer, logistic regression (L-BFGS, scikit-learn's default L2 with C = 1),
///   standardized with the training statistics, train = the first 398 rows, test = the last
///   171, 0-1 loss.
struct BootstrapBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bootstrap",
    abstract: "Time 200 bootstrap rounds of the bias/variance decomposition beside mlxtend's.")

  @OptionGroup var blas: BLASKernelOption

  @Option(
    help:
      "Directory holding diabetes.csv and breast_cancer.csv (default: $RUNNER_DATA_PATH, then ../shared/datasets)."
  )
  var data: String?

  @Option(help: "Bootstrap rounds.")
  var rounds = 200

  @Option(name: .customLong("repeat"), help: "Timed repetitions (the median is printed).")
  var repetitions = 5

  @Option(help: "Worker threads (default: one per core).")
  var workers: Int?

  @Flag(help: "Skip the mlxtend peer.")
  var noPeer = false

  func run() async throws {
    try BLAS.configure(threads: 1)
    let dir = BenchData.directory(data, holding: "diabetes.csv")
    print(
      "bench bootstrap: \(rounds) rounds, \(workers ?? ProcessInfo.processInfo.activeProcessorCount) worker threads \(BenchEnvironment.tag)"
    )

    let (diabetesTrain, diabetesTest) = try Self.split(
      Self.load(dir + "/diabetes.csv", standardize: false, trainRows: 353))
    let linear = TrainingConfiguration(
      model: .linearRegression(solver: .exact), loss: .mse, learningRate: 1, budget: .iterations(0),
      metrics: [])
    let diabetes = BootstrapDecomposition(
      configuration: linear, loss: .mse, train: diabetesTrain, test: diabetesTest)
    let ours = [
      "diabetes": try time("diabetes linreg mse", diabetes),
      "breast_cancer": try time("breast_cancer logreg 0-1", breastCancer(dir)),
    ]
    guard !noPeer else { return }
    guard let peer = CatBench.shell(["python3", "-c", Self.peerScript, dir, "\(rounds)"]) else {
      print(
        "mlxtend: not available (python3 -c 'import mlxtend, sklearn' failed); reference on this machine kind: diabetes 0.35 s, breast_cancer 2.0 s"
      )
      return
    }
    for line in peer.split(separator: "\n") {
      let f = line.split(separator: " ")
      guard f.count >= 3, f[0] == "mlxtend", let seconds = Double(f[2]) else { continue }
      print(line)
      if let mine = ours[String(f[1])] {
        print(
          String(
            format: "ratio %@: runner / mlxtend = %.3f (target ≤ 0.2)", String(f[1]), mine / seconds
          ))
      }
    }
  }

  /// The breast-cancer decomposition: standardized features, L-BFGS logistic regression with
  /// scikit-learn's `C = 1` as `l2 = 1 / m`.
  func breastCancer(_ dir: String) throws -> BootstrapDecomposition<Double> {
    let (train, test) = try Self.split(
      Self.load(dir + "/breast_cancer.csv", standardize: true, trainRows: 398))
    let logistic = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy,
      optimizer: .lbfgs(history: 10, tolerance: 1e-4),
      learningRate: 1, regularization: Regularization(l2: 1 / Double(train.count)),
      budget: .iterations(100),
      metrics: [], classes: 2)
    return BootstrapDecomposition(configuration: logistic, loss: .zeroOne, train: train, test: test)
  }

  /// Times `rounds` rounds `repeat` times and prints the median and the figures.
  func time(_ label: String, _ bootstrap: BootstrapDecomposition<Double>) throws -> Double {
    var times: [Double] = []
    var figures: (Double, Double, Double) = (.nan, .nan, .nan)
    for _ in 0..<max(repetitions, 1) {
      let clock = ContinuousClock()
      let start = clock.now
      let d = try bootstrap.run(rounds: rounds, seed: 123, workers: workers)
      let elapsed = clock.now - start
      times.append(
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
      figures = (d.expectedLoss, d.bias, d.variance)
    }
    times.sort()
    let median = times[times.count / 2]
    print(
      String(
        format: "runner %@ %.4f s  expected loss %.6g  bias %.6g  variance %.6g", label, median,
        figures.0, figures.1, figures.2) + "  " + BenchEnvironment.tag)
    return median
  }

  /// A CSV whose last column is the target: (train rows, test rows), standardized with the
  /// training statistics when asked.
  static func load(_ path: String, standardize: Bool, trainRows: Int) throws -> (
    x: Matrix<Double>, y: Matrix<Double>, trainRows: Int
  ) {
    let table = try Datasets.DataTable.read(path)
    var x = try table.numericColumns(Array(table.header.dropLast())).matrix(
      Double.self, flatten: true)
    let y = try table.numericColumns([table.header.last!], as: .regressionTarget).matrix(
      Double.self, flatten: true)
    if standardize {
      for j in 0..<x.cols {
        let column = (0..<trainRows).map { x[$0, j] }
        let mean = column.reduce(0, +) / Double(trainRows)
        let std = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(trainRows))
          .squareRoot()
        for i in 0..<x.rows { x[i, j] = (x[i, j] - mean) / (std == 0 ? 1 : std) }
      }
    }
    return (x, y, trainRows)
  }

  static func split(_ d: (x: Matrix<Double>, y: Matrix<Double>, trainRows: Int)) -> (
    Examples<Double>, Examples<Double>
  ) {
    let train = Array(0..<d.trainRows)
    let test = Array(d.trainRows..<d.x.rows)
    return (
      Examples(x: d.x.rows(train), y: d.y.rows(train)),
      Examples(x: d.x.rows(test), y: d.y.rows(test))
    )
  }

  /// The same two decompositions with mlxtend (argv: data directory, rounds).
  static let peerScript = """
    import sys, time
    import numpy as np
    from mlxtend.evaluate import bias_variance_decomp
    from sklearn.linear_model import LinearRegression, LogisticRegression
    d, rounds = sys.argv[1], int(sys.argv[2])
    def load(name, n, standardize):
        a = np.loadtxt(d + '/' + name, delimiter=',', skiprows=1)
        x, y = a[:, :-1], a[:, -1]
        if standardize:
            m, s = x[:n].mean(0), x[:n].std(0)
            x = (x - m) / np.where(s == 0, 1, s)
        return x[:n], y[:n], x[n:], y[n:]
    for label, name, n, est, loss, std in [
            ('diabetes', 'diabetes.csv', 353, LinearRegression(), 'mse', False),
            ('breast_cancer', 'breast_cancer.csv', 398, LogisticRegression(), '0-1_loss', True)]:
        xtr, ytr, xte, yte = load(name, n, std)
        if loss == '0-1_loss': ytr, yte = ytr.astype(int), yte.astype(int)
        t = time.perf_counter()
        r = bias_variance_decomp(est, xtr, ytr, xte, yte, loss=loss, num_rounds=rounds, random_seed=123)
        t = time.perf_counter() - t
        print('mlxtend %s %.4f expected loss %.6g bias %.6g variance %.6g' % (label, t, r[0], r[1], r[2]))
    """
}
