/// The keys of `regularization:`, `report:` and `sweep:`.
extension Schema {
  static let regularizationAndReport: [SchemaKey] =
    Regularization.parameters.map { parameterKey("regularization.", $0) }
    + keys("report.", ReportSpec.keys, defaults: ReportSpec())

  static let sweep = keys("sweep.", SweepSpec.keys, defaults: SweepSpec())
}
