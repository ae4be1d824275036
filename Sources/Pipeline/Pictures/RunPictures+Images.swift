import Datasets
import Engine
import Reports

extension RunPictures {
  /// The most images a gallery shows: 32, fewer for large images (about 1.5 MB of pixels).
  var maxImages: Int {
    let pixels = imageShape.map { $0.height * $0.width * $0.channels } ?? 1
    return min(32, max(4, 1_500_000 / max(pixels, 1)))
  }

  /// The held-out images the classifier gets wrong (the first `maxImages`, in data order),
  /// each captioned with its actual and predicted class; nil unless samples are images.
  func misclassified() throws(TrainingError) -> ImageGallery? {
    let partition = heldOut
    guard let classes, let shape = imageShape, let actual = labels(partition),
      partition.count > 0
    else { return nil }
    let predicted = try model.predictLabels(partition.features, classes: classes)
    let wrong = actual.indices.filter { actual[$0] != predicted[$0] }
    let shown = Array(wrong.prefix(maxImages))
    let title = "Misclassified \(partition.name) examples"
    let subtitle =
      "\(wrong.count) of \(partition.count) wrong"
      + (shown.count < wrong.count ? ", the first \(shown.count) shown" : "")
    guard !shown.isEmpty else {
      return ImageGallery(title: title, subtitle: subtitle, items: [])
    }
    guard let pixels = raw(partition, rows: shown),
      pixels.cols == shape.height * shape.width * shape.channels
    else { return nil }
    let range = Self.displayRange(pixels.storage)
    let names = classNames
    return ImageGallery(
      title: title, subtitle: subtitle,
      items: shown.enumerated().map { i, row in
        ImageGallery.Item(
          image: RasterImage(
            width: shape.width, height: shape.height, channels: shape.channels,
            values: pixels.row(i), range: range),
          caption: ["actual: \(names[actual[row]])", "predicted: \(names[predicted[row]])"])
      })
  }

  /// Each first-layer unit's weights shaped as the input image (the first `maxImages`
  /// units), each scaled from its own smallest to its largest weight; captioned with the class
  /// when the layer is the output layer. Nil unless samples are images the layer reads as is.
  func firstLayerWeights() -> ImageGallery? {
    guard let shape = imageShape, let network = model.network,
      let layer = network.layers.first,
      layer.inputs == shape.height * shape.width * shape.channels
    else { return nil }
    let weights: Matrix<Double> = layer.weights.converted()
    let units = Array(0..<min(layer.outputs, maxImages))
    let names = classNames
    let classLabelled = network.layers.count == 1 && layer.outputs == names.count
    return ImageGallery(
      title: "First-layer weights",
      subtitle: "\(layer.outputs) unit\(layer.outputs == 1 ? "" : "s") of \(layer.inputs) weights"
        + (units.count < layer.outputs ? ", the first \(units.count) shown" : "")
        + "; dark = low, light = high",
      items: units.map { unit in
        let values = (0..<layer.inputs).map { weights[$0, unit] }
        let low = values.min() ?? 0
        let high = values.max() ?? 0
        let caption =
          classLabelled
          ? names[unit] : layer.outputs == 1 ? "weights" : "unit \(unit + 1)"
        return ImageGallery.Item(
          image: RasterImage(
            width: shape.width, height: shape.height, channels: shape.channels, values: values,
            range: low...max(high, low)),
          caption: [caption])
      })
  }

  /// 0...1 or 0...255 when the pixels lie there, else their own range.
  static func displayRange(_ values: [Double]) -> ClosedRange<Double> {
    let finite = values.filter(\.isFinite)
    let low = finite.min() ?? 0
    let high = finite.max() ?? 1
    if low >= -1e-6 && high <= 1 + 1e-6 { return 0...1 }
    if low >= -1e-3 && high <= 255 + 1e-3 { return 0...255 }
    return low...max(high, low)
  }
}
