extension RunResultsWriter {
  /// The classes `targets` hold as integer labels 0…k, each present, when they are 3 to 10 of
  /// them (labels a regression loss fits as numbers); nil otherwise (0/1 targets have their own
  /// hint, `DiagnosisContext.unscoredClassOutput`).
  static func integerLabelClasses(_ targets: [Double]) -> Int? {
    guard targets.allSatisfy({ $0 >= 0 && $0 <= 9 && $0.rounded() == $0 }) else { return nil }
    let labels = Set(targets.map { Int($0) })
    guard (3...10).contains(labels.count), labels == Set(0..<labels.count) else { return nil }
    return labels.count
  }
}
