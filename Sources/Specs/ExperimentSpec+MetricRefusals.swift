/// Which metrics a run records: the one rule the validator refuses a `metrics` entry by, and
/// what a sweep's ranking reads to find a metric every trial records.
extension ExperimentSpec {
  /// Why a run cannot record a metric.
  enum MetricRefusal: Equatable {
    /// A classification metric of a linreg, which predicts real values.
    case realValues
    /// A regression metric of a classifier (logreg, or an mlp trained with a classification loss).
    case predictsClasses
    /// log_loss of a model whose loss gives no probabilities.
    case noProbabilities
    /// A probability metric of a one-vs-one logreg, which predicts by votes.
    case votes
  }

  /// Why this run cannot record `metric` (empty: it records it when listed in `metrics`).
  func refusals(of metric: Metric) -> [MetricRefusal] {
    let kind = model.kind
    let realValues = kind == .linreg && metric.isClassification
    var out: [MetricRefusal] = []
    if realValues { out.append(.realValues) }
    if kind != .linreg && loss.kind.isClassification && !metric.isClassification {
      out.append(.predictsClasses)
    }
    if !realValues && metric == .logLoss
      && !model.definition.givesProbabilities(minimizing: loss.kind)
    {
      out.append(.noProbabilities)
    }
    if kind == .logreg && model.multiclass == .oneVsOne && (metric == .logLoss || metric.isRanking)
    {
      out.append(.votes)
    }
    return out
  }
}
