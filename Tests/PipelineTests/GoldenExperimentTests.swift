import Datasets
import Foundation
import Pipeline
import Reports
import Testing

/// The reference results of the primers and of scikit-learn, reproduced end to end by the specs
/// in `experiments/` (figures in ../shared/reference/README.md).
@Suite struct GoldenExperimentTests {
  /// Runs `experiments/<name>.yaml` and returns its results folder.
  static func run(_ name: String, _ overrides: [String] = []) throws -> String {
    try TestProject.run(
      TestProject.experiment(name + ".yaml"), resultsRoot: TestProject.temporaryDirectory(name),
      overrides: overrides
    ).directory
  }

  /// The values of a saved parameter array (`params/layer1_weights.npy`, …).
  static func parameters(_ directory: String, _ file: String) throws -> [Double] {
    let array = try NPYFile.read(directory + "/params/" + file)
    return try array.matrix(Double.self).storage
  }

  /// The one value of a `summary.csv` column.
  static func figure(_ directory: String, _ column: String) throws -> Double {
    try #require(TestProject.numbers(try TestProject.table(directory, "summary.csv"), column).first)
  }

  static func close(_ a: Double, _ b: Double, relative: Double) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b))
  }

  @Test func diabetesBMIExactLeastSquares() throws {
    let dir = try Self.run("diabetes-linreg-exact")
    let w = try Self.parameters(dir, "layer1_weights.npy")
    let b = try Self.parameters(dir, "layer1_bias.npy")
    #expect(Self.close(w[0], 938.2378612513521, relative: 1e-9))
    #expect(Self.close(b[0], 152.91886182616113, relative: 1e-9))
    #expect(abs(try Self.figure(dir, "test_mse") - 2548.072399) < 1e-5)
    #expect(abs(try Self.figure(dir, "test_r2") - 0.472575) < 1e-6)
  }

  @Test func diabetesBMIGradientDescentConvergesToTheExactFit() throws {
    let dir = try Self.run("diabetes-linreg-gd")
    let w = try Self.parameters(dir, "layer1_weights.npy")
    let b = try Self.parameters(dir, "layer1_bias.npy")
    #expect(Self.close(w[0], 938.2378612513521, relative: 1e-3))
    #expect(Self.close(b[0], 152.91886182616113, relative: 1e-3))
  }

  @Test func blobsLogisticRegressionMatchesScikitLearn() throws {
    let dir = try Self.run("blobs-logreg-lbfgs")
    let w = try Self.parameters(dir, "layer1_weights.npy")
    let b = try Self.parameters(dir, "layer1_bias.npy")
    #expect(abs(w[0] - 1.181058) < 1e-3 && abs(w[1] - 1.133217) < 1e-3, "coef \(w)")
    #expect(abs(b[0] - -10.823336) < 1e-3, "intercept \(b)")
    #expect(try Self.figure(dir, "train_accuracy") == 0.91)
  }

  @Test func blobsLogisticRegressionByThePrimersGradientDescent() throws {
    let dir = try Self.run("blobs-logreg-gd")
    let w = try Self.parameters(dir, "layer1_weights.npy")
    let b = try Self.parameters(dir, "layer1_bias.npy")
    // scripts/reference/engine/blobs_gd_numpy.py: the primer's numpy loop.
    #expect(Self.close(w[0], 0.8936312212060903, relative: 1e-9), "w \(w)")
    #expect(Self.close(w[1], 0.7197023743965739, relative: 1e-9), "w \(w)")
    #expect(Self.close(b[0], -7.343996343478476, relative: 1e-9), "b \(b)")
    let losses = TestProject.numbers(try TestProject.table(dir, "metrics.csv"), "train_loss")
    #expect(Self.close(try #require(losses.first), 2.7137526902263365, relative: 1e-12))
    #expect(Self.close(try Self.figure(dir, "train_loss"), 0.21468112950856372, relative: 1e-9))
    #expect(try Self.figure(dir, "train_accuracy") == 0.92)
    let advice = try TestProject.table(dir, "bias_variance.csv").column("recommendations")
    #expect(advice?.first?.contains("train longer") == true, "\(advice ?? [])")
  }

  @Test func ridgeMatchesScikitLearn() throws {
    let dir = try Self.run("diabetes-ridge-l2")
    let w = try Self.parameters(dir, "layer1_weights.npy")
    let b = try Self.parameters(dir, "layer1_bias.npy")
    #expect(
      Self.close(w[0], 420.500079, relative: 1e-4) && Self.close(w[1], 274.233973, relative: 1e-4),
      "coef \(w)")
    #expect(Self.close(b[0], 152.133484, relative: 1e-4))
  }

  @Test func lassoZeroesExactlyAgeS2AndS4() throws {
    let dir = try Self.run("diabetes-lasso-l1")
    let w = try Self.parameters(dir, "layer1_weights.npy")
    // Columns: age, sex, bmi, bp, s1, s2, s3, s4, s5, s6.
    let zeros = w.indices.filter { w[$0] == 0 }
    #expect(zeros == [0, 5, 7], "coefficients \(w)")
  }

  @Test func primer003LinearRegressionBySGD() throws {
    let dir = try Self.run("linear-sgd-primer003")
    let w = try Self.parameters(dir, "layer1_weights.npy")[0]
    let b = try Self.parameters(dir, "layer1_bias.npy")[0]
    #expect(abs(w - 5) < 0.15 && abs(b - 7) < 0.1, "w \(w), b \(b)")
    #expect(abs(try Self.figure(dir, "weight_error") - (5 - w)) < 1e-12)
    #expect(abs(try Self.figure(dir, "bias_error") - (7 - b)) < 1e-12)
    // The exact solve of the same data (its spec without the init, optimizer and record_every
    // the exact solver does not use: they are refused with it).
    let directory = TestProject.temporaryDirectory("primer003-exact")
    let spec = try TestProject.writeSpec(
      """
      name: linear-exact-primer003
      dataset:
        generator: {type: linear, samples: 256, weights: [5], bias: 7, noise: 0.25}
        split: {train: 0.75, test: 0.25}
      model: {type: linreg, solver: exact}
      """, in: directory)
    let exact = try TestProject.run(spec, resultsRoot: directory.appendingPathComponent("results"))
      .directory
    let we = try Self.parameters(exact, "layer1_weights.npy")[0]
    let be = try Self.parameters(exact, "layer1_bias.npy")[0]
    #expect(abs(w - we) < 0.05 && abs(b - be) < 0.05, "sgd (\(w), \(b)) vs exact (\(we), \(be))")
  }

  @Test func xorWithA241SigmoidNetworkForMostSeeds() throws {
    var solved = 0
    for seed in 0..<10 {
      let dir = try Self.run("xor-mlp-sigmoid", ["seed=\(seed)"])
      if try Self.figure(dir, "train_accuracy") == 1 { solved += 1 }
    }
    #expect(solved >= 9, "\(solved) of 10 seeds reached 100%")
  }

  /// Perceptrons as logic gates: a step unit with given weights computes each gate exactly.
  @Test(arguments: [
    ("and", "[[0.5],[0.5]]", "[-0.7]"), ("or", "[[0.5],[0.5]]", "[-0.2]"),
    ("nand", "[[-0.5],[-0.5]]", "[0.7]"),
  ])
  func perceptronsWithGivenWeights(gate: String, weights: String, bias: String) throws {
    let dir = try Self.run(
      "and-perceptron-step",
      [
        "dataset.generator.gate=\(gate)", "model.init.layers[0].weights=\(weights)",
        "model.init.layers[0].bias=\(bias)",
      ])
    #expect(try Self.figure(dir, "train_accuracy") == 1)
    #expect(try Self.figure(dir, "train_loss") == 0)
  }

  /// XOR = AND(NAND, OR): two layers of step units with the gates' weights. A
  /// perfect fit has no avoidable bias (not "bias not judged"); without a held-out split its
  /// variance is not judged.
  @Test func xorAsATwoLayerPerceptron() throws {
    let dir = try Self.run("xor-perceptron-step")
    #expect(try Self.figure(dir, "train_accuracy") == 1)
    #expect(try Self.figure(dir, "train_loss") == 0)
    let verdict = try TestProject.table(dir, "bias_variance.csv").column("verdict")
    #expect(
      verdict == ["not judged (no held-out split to measure variance; avoidable bias is low)"])
    // One step unit cannot: the best single line gets three of the four rows.
    let single = try Self.run(
      "and-perceptron-step", ["dataset.generator.gate=xor"])
    #expect(try Self.figure(single, "train_accuracy") < 1)
  }

  /// The fixed 2-3-2-2 network with its given weights: on x = [1.0, 0.5] it outputs
  /// [0.31682708, 0.69627909], the data file's two target columns, so the mean squared error of
  /// the forward pass is the rounding of those 8-decimal figures (numpy: 6.45e-18).
  @Test func primer002FixedNetworkOutput() throws {
    let dir = try Self.run("primer002-three-layer-network")
    let mse = try Self.figure(dir, "train_mse")
    #expect(mse < 1e-16, "mean squared distance to the primer's output: \(mse)")
    #expect(try Self.parameters(dir, "layer3_weights.npy") == [0.1, 0.3, 0.2, 0.4])
    #expect(try Self.figure(dir, "iterations") == 0)
  }

  @Test(arguments: ["and", "or", "nand"])
  func linearlySeparableGatesByLogisticRegression(gate: String) throws {
    let dir = try Self.run("gates-logreg", ["dataset.generator.gate=\(gate)"])
    #expect(try Self.figure(dir, "train_accuracy") == 1)
  }
}

/// The one-hidden-layer MLP on the real MNIST files, one epoch each, one at a time (they are the
/// heaviest tests; a benchmark runs the 5-epoch version).
@Suite(.serialized) struct MNISTExperimentTests {
  @Test(.enabled(if: CourseData.mnist, CourseData.missing("mnist")))
  func mnistOneEpoch() throws {
    let dir = try GoldenExperimentTests.run("mnist-mlp-sgd", ["optimizer.epochs=1"])
    let accuracy = try GoldenExperimentTests.figure(dir, "test_accuracy")
    #expect(accuracy >= 0.92, "MNIST test accuracy after 1 epoch: \(accuracy)")
  }

  /// Dropout and batch normalization on Fashion-MNIST (2000 training rows, one epoch): trains,
  /// and a rerun gives byte-identical results.
  @Test(.enabled(if: CourseData.fashion, CourseData.missing("fashion-mnist")))
  func fashionMNISTDropoutBatchNormIsByteIdenticalOnARerun() throws {
    let overrides = ["optimizer.epochs=1", "dataset.split.train=2000", "dataset.split.dev=rest"]
    let first = try GoldenExperimentTests.run("fashion-mnist-mlp-dropout-bn", overrides)
    let second = try GoldenExperimentTests.run("fashion-mnist-mlp-dropout-bn", overrides)
    let files = try FileManager.default.subpathsOfDirectory(atPath: first).filter {
      $0.hasSuffix(".csv") || $0.hasSuffix(".npy")
    }
    #expect(files.contains("params/layer2_bn_running_var.npy"))
    for file in files where !["timings.csv", "environment.csv"].contains(file) {
      #expect(
        FileManager.default.contents(atPath: first + "/" + file)
          == FileManager.default.contents(atPath: second + "/" + file), "\(file)")
    }
    let accuracy = try GoldenExperimentTests.figure(first, "dev_accuracy")
    #expect(accuracy >= 0.7, "dev accuracy after 1 epoch on 2000 rows: \(accuracy)")
  }

  @Test(.enabled(if: CourseData.fashion, CourseData.missing("fashion-mnist")))
  func fashionMNISTOneEpoch() throws {
    let dir = try GoldenExperimentTests.run("fashion-mnist-mlp-sgd", ["optimizer.epochs=1"])
    let accuracy = try GoldenExperimentTests.figure(dir, "test_accuracy")
    #expect(accuracy >= 0.79, "Fashion-MNIST test accuracy after 1 epoch: \(accuracy)")
  }
}
