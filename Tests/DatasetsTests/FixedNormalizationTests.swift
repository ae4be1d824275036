import Engine
import Testing
import Vocabulary

@testable import Datasets

/// `normalize: {mean, std}` is torchvision's `Normalize(mean, std)` of one channel after
/// `ToTensor()`: `(x/255 − mean)/std` in float32, the same on every split, and undone by
/// `rawFeatures`.
@Suite struct FixedNormalizationTests {
  static let steps: [PreprocessingStep] = [
    .scale(1.0 / 255), .normalize(FixedNormalization(mean: 0.485, std: 0.229)),
  ]

  /// torch: `(torch.tensor(x, dtype=float32) / 255).sub_(0.485).div_(0.229)`.
  static func torch(_ v: Double) -> Float { (Float(v) / 255 - Float(0.485)) / Float(0.229) }

  @Test func mapsEveryFeatureAsTorchvisionDoes() throws {
    let raw: [Double] = [0, 51, 255, 128, 7, 200]
    let train = try NDArray(shape: [3, 2], storage: .float64(raw))
    let (fitted, x) = try FittedPreprocessing.fit(Self.steps, train: train, as: Float.self)
    #expect(fitted.statistics.isEmpty)
    #expect(x.storage == raw.map(Self.torch))
    let dev = try NDArray(shape: [1, 2], storage: .float64([17, 99]))
    #expect(try fitted.transform(dev, as: Float.self).storage == [17, 99].map(Self.torch))
    let back = try #require(fitted.rawFeatures(x))
    for (a, b) in zip(back.storage, raw) { #expect(abs(a - b) < 1e-4) }
  }
}
