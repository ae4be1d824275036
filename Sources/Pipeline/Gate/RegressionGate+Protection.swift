import Foundation
import Reports

extension RegressionGate {
  /// Refuses (73) recording `entries` when a baseline it would replace (the folder, a file in
  /// it) or the folder holding them (`results/baseline`) is write-protected (`chmod a-w`), before
  /// any experiment runs or any baseline is written (tester BB F17: recording replaced them,
  /// 555 becoming 755).
  public func refuseProtected(_ entries: [GateEntry]) throws(GateError) {
    let planned = PlannedWrites(replaced: entries.map(baseline))
    if let refusal = planned.firstProtected() {
      throw .protected(path: refusal.planned.path, protected: refusal.path.path)
    }
  }
}
