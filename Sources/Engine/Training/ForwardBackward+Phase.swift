/// What the layer options do in a pass: batch normalization's statistics and dropout's masks
/// (training) or neither (evaluation, gradient checks).
extension ForwardBackward {
  /// Training or evaluation behaviour of the layer options.
  struct Phase {
    /// Normalize with the batch's statistics (training) rather than the running ones.
    var batchStatistics = false
    /// Update the running statistics in θ after each forward pass (training steps only).
    var updatesRunningStatistics = false
    /// Where dropout masks come from; `.off` applies no dropout (evaluation, gradient checks).
    var dropout = DropoutMasks.off
  }

  /// The source of dropout masks.
  enum DropoutMasks {
    case off
    /// Drawn per forward pass, layer by layer, row-major, from the generator.
    case random(SeededGenerator)
    /// Given keep masks (0 or 1) per layer, `rows × outputs` each (tests against torch).
    case fixed([[T]])
  }
}
