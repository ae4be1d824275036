/// The learned state of one network and how to advance it by one optimizer step.
///
/// Subclasses: `BatchSession` (any network, any first-order optimizer, full or mini-batch),
/// `GramDescentSession` (the fast path of full-batch gradient descent on one-output linear and
/// logistic models with few samples and many features), `LBFGSSession`.
class TrainingSession<T: Scalar> {
  let layout: ParameterLayout
  /// The flat parameters `[W₁, b₁, W₂, b₂, …]`.
  var theta: [T]
  /// Optimizer steps applied.
  private(set) var steps = 0
  /// Steps that make one pass over the training set.
  let stepsPerEpoch: Int
  /// Set when an optimizer stops on its own: its stopping criterion (L-BFGS's gradient
  /// tolerance), or `searchFailed`.
  var converged = false
  /// Set when L-BFGS stops (or, after a failed search's negligible step, will stop) because its
  /// line search found no step that lowers the objective, short of its tolerance: not
  /// converged, the run warns.
  var searchFailed = false

  init(layout: ParameterLayout, theta: [T], stepsPerEpoch: Int) {
    self.layout = layout
    self.theta = theta
    self.stepsPerEpoch = max(stepsPerEpoch, 1)
  }

  /// Completed passes over the training set.
  var epoch: Int { steps / stepsPerEpoch }

  /// Applies one step at learning rate `lr`; returns the mean loss of the step's batch at the
  /// parameters before the step (NaN or ∞ signal divergence).
  final func step(learningRate lr: Double) -> Double {
    let loss = advance(learningRate: lr)
    // An optimizer that found itself converged made no step.
    if !converged { steps += 1 }
    return loss
  }

  /// The subclass's update.
  func advance(learningRate: Double) -> Double {
    fatalError("\(Self.self) must override advance(learningRate:)")
  }

  /// Brings `theta` up to date (sessions that keep their state in another form).
  func materialize() {}

  /// Whether the optimizer's own stopping test holds at the current parameters (L-BFGS tests
  /// before each step, so a budget that ends where it holds ends converged, as one step more
  /// would say); false for optimizers without one.
  var meetsStoppingTest: Bool { false }

  /// The largest absolute component of the objective's gradient at the current parameters, for
  /// optimizers with a gradient tolerance (nil for the others).
  var largestGradient: Double? { nil }

  /// The largest gradient component when the optimizer stopped because its line search could
  /// take no step (from the start, or from a gradient beyond float64): L-BFGS; nil otherwise.
  var stuckGradient: Double? { nil }

  /// Whether `stuckGradient` (a feature weight's) met the stopping test, those weights unmoved,
  /// only because the inputs are tiny (iris in km: 1e-7), not because the search could take no
  /// step.
  var stuckOnTinyInputs: Bool { false }

  /// Replaces the parameters (early stopping restores the best ones).
  func restore(_ parameters: [T]) { theta = parameters }

  /// The current parameters.
  final var parameters: [T] {
    materialize()
    return theta
  }

  /// The state a checkpoint saves, from which `load` goes on; nil for sessions whose state is
  /// not saved (L-BFGS).
  func save() -> TrainingCheckpoint.Session? { nil }

  /// Goes on from a saved state (`save` of the same kind of session on the same data); false,
  /// changing nothing, when the state does not fit this session.
  func load(_ state: TrainingCheckpoint.Session) -> Bool { false }

  /// Sets the step count of a loaded state.
  final func resume(steps: Int) { self.steps = steps }
}

extension Array where Element: Scalar {
  /// The values widened to `Double` (exact for both dtypes), for a checkpoint.
  var doubles: [Double] { map(\.doubleValue) }

  /// `values` narrowed to `Element` (exact for values saved from `Element`); nil unless there
  /// are `count` of them.
  init?(_ values: [Double]?, count: Int) {
    guard let values, values.count == count else { return nil }
    self = values.map { Element($0) }
  }
}

/// Full- or mini-batch training of any network with a first-order optimizer.
///
/// Mini-batches: every epoch draws a fresh permutation of the rows from the session's seeded
/// generator (or keeps the stored order when shuffling is off) and cuts it into consecutive
/// batches (the last one may be smaller, as PyTorch's `drop_last=False`). The rows of a batch
/// are gathered into a buffer reused for every batch.
final class BatchSession<T: Scalar>: TrainingSession<T> {
  private let data: Examples<T>
  private let forwardBackward: ForwardBackward<T>
  private var optimizer: OptimizerState<T>
  private let l1: Double
  /// How the rule takes L1 (gd/sgd: a proximal step after the update; the others: its
  /// subgradient in the gradient), from the rule's declaration.
  private let l1Step: L1Step
  private let batchSize: Int
  private var grad: [T]
  private var generator: SeededGenerator
  /// False visits the rows in stored order every epoch.
  private let shuffle: Bool
  private var order: [Int] = []
  private var cursor = 0
  private var batchX: [T]
  private var batchY: [T]
  /// The regularized ranges of θ, computed once (no allocation per step).
  private let weightRanges: [Range<Int>]
  /// Plain descent steps straight into the weights (batch normalization's γ and β need the
  /// gradient buffer); decided once.
  private let inPlace: Bool

  init(
    layout: ParameterLayout, theta: [T], data: Examples<T>, loss: Loss, optimizer: Optimizer,
    regularization: Regularization, batchSize: Int?, shuffle: Bool = true, shuffleSeed: UInt64,
    dropoutSeed: UInt64 = 0
  ) {
    let m = data.count
    let batch = optimizer.isFullBatch ? m : min(batchSize ?? m, m)
    self.data = data
    self.batchSize = batch
    self.l1 = regularization.l1
    self.l1Step = optimizer.kind.l1Step
    self.forwardBackward = ForwardBackward(
      layout: layout, loss: loss, l2: regularization.l2, capacity: batch)
    // Training phase: batch statistics (updating the running ones) and dropout masks.
    self.forwardBackward.phase = .init(
      batchStatistics: true, updatesRunningStatistics: true,
      dropout: .random(SeededGenerator(seed: dropoutSeed)))
    self.optimizer = OptimizerState(optimizer, count: layout.count)
    self.grad = [T](repeating: 0, count: layout.count)
    self.generator = SeededGenerator(seed: shuffleSeed)
    self.shuffle = shuffle
    let shuffles = batch < m || !optimizer.isFullBatch
    self.batchX = shuffles ? [T](repeating: 0, count: batch * data.x.cols) : []
    self.batchY = shuffles ? [T](repeating: 0, count: batch * data.y.cols) : []
    self.weightRanges = layout.weightRanges
    self.inPlace =
      (optimizer.kind == .sgd || optimizer.kind == .gd)
      && !layout.slots.contains { $0.normalization != nil }
    super.init(
      layout: layout, theta: theta, stepsPerEpoch: Vocabulary.stepsPerEpoch(rows: m, batch: batch))
  }

  override func advance(learningRate lr: Double) -> Double {
    let loss = forwardBackward.loss
    let rows = batchX.isEmpty ? data.count : min(batchSize, data.count - cursor)
    if !batchX.isEmpty { gatherBatch(rows: rows) }
    let scale = T(1 / Double(loss.normalizer(rows: rows, cols: layout.outputs)))
    let count = layout.count
    let ranges = weightRanges
    let lossSum = withBatch { x, y in
      theta.withUnsafeMutableBufferPointer { tp in
        grad.withUnsafeMutableBufferPointer { gp in
          if inPlace {
            // Plain descent straight into the weights: no gradient buffer pass.
            return forwardBackward.lossAndGradient(
              theta: tp.baseAddress!, x: x, y: y, rows: rows, scale: scale,
              backward: .descend(learningRate: T(lr)))
          }
          let total = forwardBackward.lossAndGradient(
            theta: tp.baseAddress!, x: x, y: y, rows: rows, scale: scale,
            backward: .gradient(gp.baseAddress!))
          if l1Step == .subgradient {
            Regularization(l1: l1).addL1Subgradient(
              tp.baseAddress!, to: gp.baseAddress!, ranges: ranges)
          }
          optimizer.apply(
            theta: tp.baseAddress!, grad: gp.baseAddress!, count: count, lr: lr,
            weightRanges: ranges)
          return total
        }
      }
    }
    if l1 > 0 && l1Step == .proximal {
      // Proximal step of lr·l1·‖w‖₁: exact zeros.
      theta.withUnsafeMutableBufferPointer { tp in
        for r in ranges {
          Kernels.softThreshold(
            tp.baseAddress! + r.lowerBound, count: r.count, threshold: T(lr * l1))
        }
      }
    }
    return lossSum / Double(loss.normalizer(rows: rows, cols: layout.outputs))
  }

  override func save() -> TrainingCheckpoint.Session? {
    var state = TrainingCheckpoint.Session(steps: steps)
    state.reals["theta"] = theta.doubles
    optimizer.save(into: &state)
    state.integers["shuffle"] = generator.state
    if case .random(let masks) = forwardBackward.phase.dropout {
      state.integers["dropout"] = masks.state
    }
    state.integers["order"] = order.map { UInt64($0) }
    state.integers["cursor"] = [UInt64(cursor)]
    return state
  }

  override func load(_ state: TrainingCheckpoint.Session) -> Bool {
    let m = UInt64(data.count)
    guard let theta = [T](state.reals["theta"], count: layout.count),
      let shuffle = state.integers["shuffle"].flatMap(SeededGenerator.init(state:)),
      let order = state.integers["order"], order.isEmpty || order.count == data.count,
      order.allSatisfy({ $0 < m }), let cursor = state.integers["cursor"], cursor.count == 1,
      cursor[0] < max(m, 1), cursor[0] == 0 || !order.isEmpty
    else { return false }
    var dropout = forwardBackward.phase.dropout
    if case .random = dropout {
      guard let masks = state.integers["dropout"].flatMap(SeededGenerator.init(state:)) else {
        return false
      }
      dropout = .random(masks)
    }
    guard optimizer.load(state) else { return false }
    self.theta = theta
    generator = shuffle
    forwardBackward.phase.dropout = dropout
    self.order = order.map { Int($0) }
    self.cursor = Int(cursor[0])
    return true
  }

  /// Copies the next `rows` rows of this epoch's permutation into the batch buffers (a new
  /// permutation at the start of each epoch).
  private func gatherBatch(rows: Int) {
    if cursor == 0 {
      if shuffle {
        order = generator.permutation(data.count)
      } else if order.isEmpty {
        order = Array(0..<data.count)
      }
    }
    let cols = data.x.cols
    let ycols = data.y.cols
    data.x.storage.withUnsafeBufferPointer { xp in
      data.y.storage.withUnsafeBufferPointer { yp in
        batchX.withUnsafeMutableBufferPointer { bx in
          batchY.withUnsafeMutableBufferPointer { by in
            order.withUnsafeBufferPointer { op in
              let idx = op.baseAddress! + cursor
              Kernels.gatherRows(
                xp.baseAddress!, cols: cols, indices: idx, count: rows, into: bx.baseAddress!)
              Kernels.gatherRows(
                yp.baseAddress!, cols: ycols, indices: idx, count: rows, into: by.baseAddress!)
            }
          }
        }
      }
    }
    cursor += rows
    if cursor >= data.count { cursor = 0 }
  }

  /// The current batch: the gathered buffers, or the whole set for full-batch training.
  private func withBatch<R>(_ body: (UnsafePointer<T>, UnsafePointer<T>) -> R) -> R {
    if batchX.isEmpty {
      return data.x.storage.withUnsafeBufferPointer { xp in
        data.y.storage.withUnsafeBufferPointer { yp in body(xp.baseAddress!, yp.baseAddress!) }
      }
    }
    return batchX.withUnsafeBufferPointer { bx in
      batchY.withUnsafeBufferPointer { by in body(bx.baseAddress!, by.baseAddress!) }
    }
  }

}

extension TrainingConfiguration {
  /// The epoch that update `iteration` of `session` falls in (its last update ends it), as
  /// `metrics.csv` numbers its rows; nil without an epoch budget.
  func epoch<T>(ofIteration iteration: Int, in session: TrainingSession<T>) -> Int? {
    guard case .epochs = budget else { return nil }
    return (iteration + session.stepsPerEpoch - 1) / session.stepsPerEpoch
  }
}
