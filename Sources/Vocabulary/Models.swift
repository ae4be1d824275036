import Conventions

/// The model families, declared once: the spec names, the choices of their keys, and the value
/// (`ModelKind`) that both the spec and the engine hold. The engine lays out and trains it in
/// `Engine/Training/TrainingPlan.swift`.
public enum ModelFamily: String, CaseIterable, Sendable {
  case linreg, logreg, mlp

  /// The initializer used when the spec gives none.
  public var defaultInitializer: InitializerKind { self == .mlp ? .pytorch : .zeros }

  /// The family in words, as the docs' `model.type` lists them: `logistic regression`.
  public var summary: String {
    switch self {
    case .linreg: "linear regression"
    case .logreg: "logistic regression"
    case .mlp: "a multi-layer perceptron"
    }
  }

  /// Whether L-BFGS may train it: full batch, on a model without hidden layers.
  public var trainsWithLBFGS: Bool {
    switch self {
    case .linreg, .logreg: true
    case .mlp: false
    }
  }

  /// The families L-BFGS trains, in words: `linreg and logreg`.
  public static var trainedWithLBFGS: String {
    allCases.filter(\.trainsWithLBFGS).map(\.rawValue).listed()
  }

  /// The default loss in words (`binary_cross_entropy`; an mlp's follows its output layer).
  public var defaultLossWords: String {
    self == .mlp ? "from the output activation" : defaultModel.defaultLoss.rawValue
  }

  /// Each family's default, as the docs give it: `linreg: mse; logreg: …` (`value` says it),
  /// families of the same default together (`linreg, logreg: zeros; mlp: pytorch`).
  public static func defaults(_ value: (ModelFamily) -> String) -> String {
    var groups: [(families: [String], value: String)] = []
    for family in allCases {
      if let i = groups.firstIndex(where: { $0.value == value(family) }) {
        groups[i].families.append(family.rawValue)
      } else {
        groups.append(([family.rawValue], value(family)))
      }
    }
    return groups.map { $0.families.joined(separator: ", ") + ": " + $0.value }
      .joined(separator: "; ")
  }

  /// The family with its keys' defaults (an mlp's layers are required, so empty here).
  public var defaultModel: ModelKind {
    switch self {
    case .linreg: .linearRegression(solver: .iterative)
    case .logreg: .logisticRegression(.softmax)
    case .mlp: .mlp(layers: [])
    }
  }
}

/// The model to train, as the spec declares it and the engine trains it.
public enum ModelKind: Sendable, Equatable {
  /// `ŷ = x w + b` (one output per target column).
  case linearRegression(solver: LinearSolver)
  /// Binary `σ(x w + b)`, or a multiclass strategy.
  case logisticRegression(Multiclass)
  /// Fully connected layers, the last one being the output layer
  /// (e.g. `[.init(1024, .relu), .init(10, .softmax)]` for 784-1024-10).
  case mlp(layers: [LayerSpec])

  /// The family's spec name.
  public var family: ModelFamily {
    switch self {
    case .linearRegression: .linreg
    case .logisticRegression: .logreg
    case .mlp: .mlp
    }
  }

  /// The solver (linear regression; `.iterative` otherwise).
  public var solver: LinearSolver {
    if case .linearRegression(let s) = self { s } else { .iterative }
  }

  /// The multiclass strategy (logistic regression; `.softmax` otherwise).
  public var multiclass: Multiclass {
    if case .logisticRegression(let m) = self { m } else { .softmax }
  }

  /// The layers (an mlp; empty otherwise).
  public var layers: [LayerSpec] { if case .mlp(let l) = self { l } else { [] } }

  /// The model in words: `a one-vs-one logreg`, `a softmax logreg`, `an mlp`, `a linreg`.
  public var described: String {
    switch self {
    case .linearRegression: "a linreg"
    case .logisticRegression(let m): "a \(m.words) logreg"
    case .mlp: "an mlp"
    }
  }

  /// The loss a spec without `loss:` minimizes (an mlp's follows its output activation).
  public var defaultLoss: LossKind {
    switch self {
    case .linearRegression: .mse
    case .logisticRegression: .binaryCrossEntropy
    case .mlp(let layers):
      switch layers.last?.activation {
      case .softmax?: .crossEntropy
      case .sigmoid?: .binaryCrossEntropy
      default: .mse
      }
    }
  }

  /// Whether its outputs are probabilities when it minimizes `loss` (what log_loss scores): a
  /// logreg's always, an mlp's under a classification loss (a sigmoid or softmax output).
  public func givesProbabilities(minimizing loss: LossKind) -> Bool {
    switch self {
    case .linearRegression: false
    case .logisticRegression: true
    case .mlp: loss.isClassification
    }
  }

  /// Logistic regression on two classes is the binary model whatever the multiclass strategy.
  public func resolved(classes: Int?) -> ModelKind {
    guard case .logisticRegression = self, let classes, classes <= 2 else { return self }
    return .logisticRegression(.binary)
  }
}

/// How linear regression is fitted (`model.solver`).
public enum LinearSolver: String, CaseIterable, Sendable {
  /// The configured optimizer.
  case iterative = "gd"
  /// Exact (ridge) least squares: `min ‖Xc W − Yc‖² + (m·k·l2/2)‖W‖²` on centered data (m rows,
  /// k target columns), `b = ȳ − x̄ W` (Householder QR, float64). Needs loss `mse` and no
  /// L1; refuses a feature that is (nearly) a combination of the ones before it.
  case exact

  /// The fewest training rows the exact solver without L2 solves for `features` features: one
  /// per unknown (the weights and the bias); with fewer, the centered rows leave the system
  /// singular whatever the features (ridge, any `l2 > 0`, has a solution on any rows).
  public static func rowsNeeded(features: Int) -> Int { features + 1 }

  /// Why the exact solver without L2 cannot solve `rows` training rows of `features` features
  /// (fewer than `rowsNeeded`): `3 training rows for 4 unknowns (3 features + bias): give at
  /// least 4 rows, or add l2`.
  public static func tooFewRows(_ rows: Int, features: Int) -> String {
    let unknowns = rowsNeeded(features: features)
    return "\(rows) training row\(rows == 1 ? "" : "s") for \(unknowns) unknowns (\(features) "
      + "feature\(features == 1 ? "" : "s") + bias): give at least \(unknowns) rows, or add l2"
  }
}

/// Multiclass strategy of logistic regression (`model.multiclass`; `binary` is what any
/// strategy becomes on two classes, not a spec value).
/// The raw value is the name in specs and results: `binary`, `softmax`, `ovr`, `ovo`.
public enum Multiclass: String, Sendable, Hashable, CaseIterable {
  /// Two classes, labels 0/1: one sigmoid output, binary cross-entropy.
  case binary
  /// Multinomial: `k` logits, softmax, cross-entropy.
  case softmax
  /// One-vs-rest: `k` binary models, class `c` against all others; predicts the largest score.
  case oneVsRest = "ovr"
  /// One-vs-one: `k(k−1)/2` binary models on each pair's samples; predicts by majority vote
  /// (ties: the larger summed confidence, then the smaller class index).
  case oneVsOne = "ovo"

  /// The strategies a spec may name (`binary` is implied by the label count, never named).
  public static let allCases: [Multiclass] = [.softmax, .oneVsRest, .oneVsOne]
}
