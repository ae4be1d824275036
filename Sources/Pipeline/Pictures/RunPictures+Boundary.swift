import Datasets
import Engine
import Foundation
import Reports

extension RunPictures {
  /// Cells per side of the decision-boundary grid.
  static var gridSize: Int { 150 }

  /// A classifier's predicted classes over the range of its two input features (as read,
  /// before preprocessing; any preprocessing is applied to the grid as to the data), with the
  /// training points; nil unless the data has exactly two feature columns.
  func decisionBoundary() throws(TrainingError) -> DecisionBoundaryChart? {
    guard let classes, data.featureShape == [2], data.train.count > 0,
      let points = raw(data.train, rows: Self.sample(data.train.count, Self.maxPoints)),
      points.cols == 2, let labels = labels(data.train)
    else { return nil }
    let xRange = Self.range(of: (0..<points.rows).map { points[$0, 0] })
    let yRange = Self.range(of: (0..<points.rows).map { points[$0, 1] })
    let n = Self.gridSize
    // The cells a chunk at a time (bottom row first), so that their features and the model's
    // values stay within `TrainedModel.chunkBytes` however wide the model is.
    let chunk = max(1, cellsPerChunk ?? model.rowsPerChunk(classes: classes))
    var predicted: [Int] = []
    predicted.reserveCapacity(n * n)
    do {
      for first in stride(from: 0, to: n * n, by: chunk) {
        let cells = first..<min(first + chunk, n * n)
        var grid = [Double](repeating: 0, count: cells.count * 2)
        for cell in cells {
          let (row, column) = cell.quotientAndRemainder(dividingBy: n)
          let at = (cell - first) * 2
          grid[at] = xRange.lowerBound + (Double(column) + 0.5) / Double(n) * xRange.span
          grid[at + 1] = yRange.lowerBound + (Double(row) + 0.5) / Double(n) * yRange.span
        }
        let array = try NDArray(shape: [cells.count, 2], storage: .float64(grid), origin: "grid")
        let x = try data.preprocessing.transform(array, as: T.self)
        predicted += try model.predictLabels(x, classes: classes)
      }
    } catch let error as TrainingError {
      throw error
    } catch {
      return nil
    }
    let shown = Self.sample(data.train.count, Self.maxPoints)
    let names = data.featureNames?.count == 2 ? data.featureNames! : ["x1", "x2"]
    let note = shown.count < data.train.count ? ", \(shown.count) of \(data.train.count)" : ""
    return DecisionBoundaryChart(
      title: "Decision boundary, training points\(note)", xLabel: names[0], yLabel: names[1],
      xRange: xRange, yRange: yRange, grid: predicted, columns: n, classes: classNames,
      points: shown.enumerated().map { i, row in
        DecisionBoundaryChart.Point(x: points[i, 0], y: points[i, 1], label: labels[row])
      })
  }

  /// The values' range widened by 8% on each side (1 around a single value).
  static func range(of values: [Double]) -> ClosedRange<Double> {
    let finite = values.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else { return 0...1 }
    let pad = high > low ? (high - low) * 0.08 : 1
    return (low - pad)...(high + pad)
  }
}
