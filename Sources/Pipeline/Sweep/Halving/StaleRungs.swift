import Foundation

/// The `rung-<r>/` or `bracket-<s>/` folders of an earlier plan of an adaptive sweep (run with a
/// larger `sweep.budget.max`, another `eta`, more trials) that this plan does not have: the
/// sweep leaves them out of its `summary.csv` and never removes them (they hold the runner's
/// results, but perhaps a user's files too), and says so, naming them.
enum StaleRungs {
  /// The warning for the folders `<prefix><n>` in `directory` whose `n` is not in `planned`
  /// (`rung-` and the plan's rung indices, or `bracket-` and its brackets' `s`); nil when none.
  static func warning(in directory: URL, prefix: String, planned: [Int]) -> String? {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    let stale = names.compactMap { name -> Int? in
      guard name.hasPrefix(prefix), let n = Int(name.dropFirst(prefix.count)),
        name == "\(prefix)\(n)", !planned.contains(n)
      else { return nil }
      var isDirectory: ObjCBool = false
      let path = directory.appendingPathComponent(name).path
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { return nil }
      return n
    }.sorted()
    guard !stale.isEmpty, let low = planned.min(), let high = planned.max() else { return nil }
    let paths = stale.map { directory.appendingPathComponent("\(prefix)\($0)").path }
    let one = stale.count == 1
    let plan = low == high ? "\(prefix)\(low)" : "\(prefix)\(low) to \(prefix)\(high)"
    return "warning: \(paths.joined(separator: ", ")) \(one ? "is" : "are") not part of this "
      + "sweep's plan (\(plan); was the spec changed?) and \(one ? "is" : "are") left out of "
      + "summary.csv; \(one ? "it is left as it is" : "they are left as they are") (remove "
      + "\(one ? "it" : "them") if you no longer need \(one ? "it" : "them"))"
  }
}
