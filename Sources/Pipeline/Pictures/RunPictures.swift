import Datasets
import Engine
import Reports

/// The pictures of what a run's model learned, drawn from the model and the data (the report's
/// CSVs cannot redraw them): the decision boundary over two input features, misclassified
/// images, first-layer weights as images, ROC and precision-recall curves of a binary
/// classifier, and predicted-against-actual and residual plots of a regression.
struct RunPictures<T: Scalar> {
  let data: PreparedData<T>
  let model: TrainedModel<T>
  /// Whether the run's loss makes the model a classifier (class labels, not values).
  let classifier: Bool
  /// Whether a model trained on values is still a binary classifier: one output fitted to 0/1
  /// targets and judged by classification metrics (a perceptron), thresholded at 0.5.
  var thresholded = false
  /// Grid cells the decision boundary evaluates at once; nil: the model's `rowsPerChunk`.
  var cellsPerChunk: Int? = nil

  /// The most points drawn in a scatter or over the decision boundary.
  static var maxPoints: Int { 2000 }

  /// Every picture that applies to this model and data, in report order.
  func pictures() throws(TrainingError) -> [ReportPlot] {
    var pictures: [ReportPlot] = []
    if let boundary = try decisionBoundary() {
      pictures.append(ReportPicture.decisionBoundary.plot(svg: boundary.svg))
    }
    if let gallery = try misclassified() {
      pictures.append(ReportPicture.misclassified.plot(svg: gallery.svg))
    }
    if let weights = firstLayerWeights() {
      pictures.append(ReportPicture.firstLayerWeights.plot(svg: weights.svg))
    }
    if let (roc, precisionRecall) = try rankingCurves() {
      pictures.append(ReportPicture.rocCurve.plot(svg: roc.svg))
      pictures.append(ReportPicture.precisionRecallCurve.plot(svg: precisionRecall.svg))
    }
    if let (predicted, residuals) = try regressionPlots() {
      pictures.append(ReportPicture.predictedVsActual.plot(svg: predicted.svg))
      pictures.append(ReportPicture.residuals.plot(svg: residuals.svg))
    }
    return pictures
  }

  /// The number of classes, for a classifier.
  var classes: Int? { classifier ? data.classCount : thresholded ? 2 : nil }

  /// The true class of each row of `partition`, for a classifier.
  func labels(_ partition: Partition<T>) -> [Int]? {
    if classifier { return partition.classIndices }
    return thresholded ? partition.targets.storage.map { $0.doubleValue == 1 ? 1 : 0 } : nil
  }

  /// Class names by index: the data's, else the indices.
  var classNames: [String] {
    let count = classes ?? 0
    if let names = data.classNames, names.count == count { return names }
    return (0..<count).map { String($0) }
  }

  /// The held-out set pictures describe: test, else dev, else train.
  var heldOut: Partition<T> { data.test ?? data.dev ?? data.train }

  /// `(height, width, channels)` when one sample is an image: `[h, w]`, `[h, w, 1]` or
  /// `[h, w, 3]`, at least 4 pixels a side.
  var imageShape: (height: Int, width: Int, channels: Int)? {
    let shape = data.featureShape
    guard shape.count == 2 || (shape.count == 3 && (shape[2] == 1 || shape[2] == 3)),
      shape[0] >= 4, shape[1] >= 4
    else { return nil }
    return (shape[0], shape[1], shape.count == 3 ? shape[2] : 1)
  }

  /// The rows `indices` of `partition` as read (preprocessing undone), or nil.
  func raw(_ partition: Partition<T>, rows indices: [Int]) -> Matrix<Double>? {
    data.preprocessing.rawFeatures(partition.features.rows(indices))
  }

  /// `count` evenly spread indices of `0..<total` (all when `total ≤ count`).
  static func sample(_ total: Int, _ count: Int) -> [Int] {
    guard total > count else { return Array(0..<total) }
    return (0..<count).map { $0 * total / count }
  }
}
