import Conventions
import Foundation

/// The content of a report, independent of its format: Markdown and HTML render the same blocks.
enum ReportBlock: Equatable {
  /// A section heading.
  case heading(String)
  /// A heading inside a section.
  case subheading(String)
  /// A paragraph; text in backticks is code.
  case paragraph(String)
  /// A paragraph of plain text, every character shown as it is (the spec's description).
  case text(String)
  /// A paragraph in bold.
  case emphasis(String)
  /// A table of text.
  case table(header: [String], rows: [[String]])
  /// A bulleted list; text in backticks is code.
  case bullets([String])
  /// A plot: linked from Markdown, embedded in HTML.
  case plot(ReportPlot)
  /// Links to files of the results directory.
  case files([String])
}

extension ResultsReport {
  /// A number exactly: integers as they are, whatever their size (a 64-bit seed is not
  /// `9.46198e+18`), other numbers as their shortest round-trip text, text unchanged.
  /// Deterministic like the CSV text it comes from.
  static func display(_ text: String) -> String {
    let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
    if !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return text }
    guard let value = CSVCell.number(from: text) else { return text }
    return CSVCell.format(value)
  }

  /// A one-row table as (column, value) rows, or the whole table; the figures of a run of more
  /// than two `classes` say which are macro means (`test_precision (macro)`).
  static func tableBlock(
    _ table: CSVTable, transposeSingleRow: Bool = true, first: String = "figure",
    classes: Int? = nil
  ) -> ReportBlock {
    if transposeSingleRow && table.rows.count == 1 {
      let rows = zip(table.header, table.rows[0]).filter { !$0.1.isEmpty }.map {
        [$0.0 + macro($0.0, classes: classes), display($0.1)]
      }
      return .table(header: [first, "value"], rows: rows)
    }
    return .table(header: table.header, rows: table.rows.map { $0.map(display) })
  }

  /// The report's blocks, in order, given its plots.
  func blocks(plots: [ReportPlot]) -> [ReportBlock] {
    var blocks: [ReportBlock] = description.map { [.text($0)] } ?? []
    blocks += [
      .paragraph(
        "Built from the CSV files of this results directory; `runner report` rebuilds it without retraining."
      )
    ]
    let plotsByFile = Dictionary(
      plots.map { ($0.fileName, $0) }, uniquingKeysWith: { first, _ in first })
    blocks += sweepBestBlocks
    blocks += adaptiveBlocks(plots: plotsByFile)
    blocks += bayesBlocks(plots: plotsByFile)
    if let summary {
      blocks += [.heading("Summary"), Self.tableBlock(summary, classes: classCount)]
    }
    if let biasVariance { blocks += Self.biasVarianceBlocks(biasVariance) }
    let sweepPlots = plots.filter { $0.section == .sweep }
    if !sweepPlots.isEmpty {
      blocks.append(.heading("Sweep"))
      blocks.append(
        .paragraph(
          sweepSettings == nil
            ? "Final figures of the complete trials against each swept hyperparameter."
            : "Every trial across the swept hyperparameters (parallel coordinates; hover a line for its trial), the best \(sweepSettings!.objective) for each pair of them, the learning curves of the best trials, then final figures against each hyperparameter. Log-uniform hyperparameters and positive ones spanning 10× or more are on log scales; those holding 0 or text are categories."
        ))
      blocks += sweepPlots.map(ReportBlock.plot)
    }
    let metricPlots = plots.filter { $0.section == .history }
    if !metricPlots.isEmpty {
      blocks.append(.heading("Learning history"))
      blocks += metricPlots.map(ReportBlock.plot)
    } else if let metrics, metrics.rows.count == 1, let step = metrics.header.first {
      blocks.append(.heading("Learning history"))
      // A run without final figures (diverged at its first update) recorded only its start.
      let final = summary.map { RunSummary.figures(of: $0).first?.name != "iterations" } ?? true
      let state = "One recorded state (\(step) \(metrics.rows[0][0]))"
      blocks.append(
        .paragraph(
          final
            ? state + ", the final one: no curve to draw; its figures are in the summary above."
            : state + ", the start: training ended before another was recorded (the summary's "
              + "`stop_reason` says why); its figures are in `metrics.csv`."))
    }
    if let decomposition {
      blocks += [
        .heading("Bias/variance decomposition (bootstrap)"),
        .paragraph(
          "mlxtend's definitions: for mse, expected loss = bias² + variance (the `bias` row is the squared bias); for 0-1 loss, bias is the error of the majority vote."
        ),
        Self.tableBlock(decomposition),
      ]
    }
    if let learningCurve {
      blocks.append(.heading("Learning curve"))
      if let plot = plotsByFile["learning_curve.svg"] { blocks.append(.plot(plot)) }
      blocks.append(Self.tableBlock(learningCurve, transposeSingleRow: false))
    }
    if let validationCurve {
      blocks.append(.heading("Validation curve"))
      if let plot = plotsByFile["validation_curve.svg"] { blocks.append(.plot(plot)) }
      blocks.append(Self.tableBlock(validationCurve, transposeSingleRow: false))
    }
    let confusionMatrix = shownConfusionMatrix
    if let confusionMatrix, !ConfusionMatrixChart.isDrawn(confusionMatrix) {
      blocks.append(.heading(confusionMatrixTitle))
      blocks += mostConfusedBlocks(confusionMatrix)
    } else if let confusionMatrix, let table = try? confusionMatrix.table {
      blocks.append(.heading(confusionMatrixTitle))
      if let plot = plotsByFile["confusion_matrix.svg"] { blocks.append(.plot(plot)) }
      blocks.append(Self.tableBlock(table, transposeSingleRow: false))
      let counted = confusionMatrixSplit.map { "The \($0.rawValue) split's examples. " } ?? ""
      blocks.append(
        .paragraph(
          "\(counted)Rows: actual class; columns: predicted class. Accuracy \(Self.display(CSVCell.number(confusionMatrix.accuracy, figurePrecision).text))."
        ))
      blocks.append(
        Self.tableBlock(confusionMatrix.scoresTable(in: figurePrecision), transposeSingleRow: false)
      )
    }
    let pictures = plots.filter { $0.section == .picture }
    if diverged {
      // Its parameters are what the last update left past the divergence: no trained model.
      blocks += [
        .heading("What the model learned"),
        .paragraph(
          "Not drawn: training diverged, and the saved parameters (`params/`) are the diverged ones, not a trained model."
        ),
      ]
    } else if !pictures.isEmpty {
      blocks.append(.heading("What the model learned"))
      blocks.append(
        .paragraph(
          "Drawn by the run from the trained model and its data; `runner report` keeps them as they are."
        ))
      blocks += pictures.map(ReportBlock.plot)
    }
    blocks += [.heading("Files"), .files(presentFiles)]
    return blocks
  }

  /// The CSV files this report was built from.
  var presentFiles: [String] {
    [
      (summary, ResultsFile.summary), (metrics, ResultsFile.metrics),
      (biasVariance, ResultsFile.biasVariance),
      (decomposition, ResultsFile.decomposition), (learningCurve, ResultsFile.learningCurve),
      (validationCurve, ResultsFile.validationCurve),
    ].compactMap { $0.0 == nil ? nil : $0.1 }
      + (confusionMatrix == nil ? [] : [ResultsFile.confusionMatrix])
  }

  /// The diagnosis: verdict, the errors and gaps, and the recommendations.
  static func biasVarianceBlocks(_ table: CSVTable) -> [ReportBlock] {
    guard table.rows.count == 1 else { return [.heading("Bias and variance"), tableBlock(table)] }
    let row = Dictionary(zip(table.header, table.rows[0]), uniquingKeysWith: { first, _ in first })
    var blocks: [ReportBlock] = [.heading("Bias and variance")]
    if let verdict = row["verdict"], !verdict.isEmpty {
      blocks.append(.emphasis("Verdict: \(verdict)"))
    }
    let heldOut = row["variance_split"].map { $0.replacingOccurrences(of: "_", with: "-") }
    let labels = [
      ("base_error", "base error (human-level ≈ Bayes)"), ("train_error", "train error"),
      ("train_dev_error", "train-dev error"),
      ("dev_error", "dev error"), ("test_error", "test error"),
      ("avoidable_bias", "avoidable bias (train − base)"),
      ("relative_avoidable_bias", "avoidable bias / base error"),
      ("variance", "variance (\(heldOut ?? "held-out") − train)"),
      ("relative_variance", "variance / train error"),
      ("data_mismatch", "data mismatch (dev − train-dev)"),
      ("relative_data_mismatch", "data mismatch / train-dev error"),
    ]
    // Thresholds sit beside the figures they are compared with: the gaps, or with relative
    // thresholds (regression) the relative gaps.
    let relative = row["threshold_scale"] == "relative"
    // A regression without a base error judges no bias: its train − 0 is no avoidable bias.
    let biasJudged =
      !relative || row["base_error"].flatMap(Double.init) != 0
      || row["train_error"].flatMap(Double.init) == 0
    let rows = labels.compactMap { key, label -> [String]? in
      guard let value = row[key], !value.isEmpty else { return nil }
      if !biasJudged, key.hasSuffix("avoidable_bias") { return nil }
      if !biasJudged, key == "base_error" {
        return [label, "0: bias not judged (the thresholds are relative to it)", ""]
      }
      let isRelative = key.hasPrefix("relative_")
      let gap = isRelative ? String(key.dropFirst("relative_".count)) : key
      let compared = isRelative == relative
      let threshold = compared ? row[gap + "_threshold"].map { $0.isEmpty ? "" : display($0) } : nil
      return [label, display(value), threshold ?? ""]
    }
    blocks.append(.table(header: ["quantity", "value", "threshold"], rows: rows))
    if let advice = row["recommendations"], !advice.isEmpty {
      let items = advice.components(separatedBy: BiasVarianceDiagnosis.recommendationSeparator)
      if items == [BiasVarianceDiagnosis.nothingStandsOut] {
        // Not a change to try: said as the finding it is.
        blocks.append(
          .paragraph("Nothing stands out" + advice.dropFirst("nothing stands out".count) + "."))
      } else {
        blocks.append(.paragraph("What to try next:"))
        blocks.append(.bullets(items))
      }
    }
    return blocks
  }
}
