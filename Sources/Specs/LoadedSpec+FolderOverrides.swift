/// The `--set` overrides as they name a run's or a sweep's results folder: by the spec they
/// resolve to, not by how they are written.
extension LoadedSpec {
  /// `overrides` as the folder name lists them (docs/results.md, "Run history"): each key once,
  /// with the value the resolved spec holds (`0.020` and `2e-2` both name
  /// `optimizer.learning_rate=0.02`), and none that the resolved spec does not need: one is
  /// left out only when the spec resolves the same without it (`--set
  /// optimizer.learning_rate=0.02` on a spec that says 0.02, or Adam's default 0.001 after
  /// `optimizer.type=adam`; never gd's 0.01 there, tester BC4). So one resolved spec lands in
  /// one folder, and two that differ never share one. A removal (`~key`) and a list or mapping
  /// value are named as given, and `output` always (it names the folder outright); unparsable
  /// overrides are left out (they refuse the load).
  public func folderOverrides(_ overrides: [String]) -> [String] {
    let given = overrides.compactMap { text in (try? Override(parsing: text)).map { (text, $0) } }
    guard !given.isEmpty else { return [] }
    let resolve = { (kept: [String]) in
      self.text.flatMap {
        Self.canonicalTree(text: $0, file: self.file, overrides: kept, limits: self.limits)
      }
    }
    guard let resolved = resolve(given.map(\.0)) else {
      // Not read from text: each key named as given, by the last override of it.
      return given.indices.filter { i in
        given[i].1.removes || !given[(i + 1)...].contains { $0.1.path == given[i].1.path }
      }.map { given[$0].1.folderText }
    }
    let target = SpecWriter.render(resolved, origins: nil)
    let same = { (kept: [String]) in
      resolve(kept).map { SpecWriter.render($0, origins: nil) } == target
    }
    // `--set output=DIR` names the folder outright (`RunFolderName`), the spec's own included.
    let outright = given.contains { $0.1.path == "output" && !$0.1.removes }
    if !outright, same([]) { return [] }
    // Each override in turn is left out when the spec resolves the same without it and those
    // already left out: what is left resolves to this spec on its own.
    var kept = Array(given.indices)
    for i in given.indices where given[i].1.path != "output" || given[i].1.removes {
      let without = kept.filter { $0 != i }
      if same(without.map { given[$0].0 }) { kept = without }
    }
    return kept.map { i in
      let override = given[i].1
      // A list item removed after it shifts the item the path names: named as given.
      let shifted = kept.contains { j in
        let removed = given[j].1.path.components
        guard j > i, given[j].1.removes, case .index? = removed.last else { return false }
        return override.path.components.starts(with: removed.dropLast())
      }
      return override.removes || shifted
        ? override.folderText : Self.text(of: override, in: resolved)
    }
  }

  /// `key=value` with the value as the canonical spec `tree` writes it when it is a scalar (a
  /// number as `folderNumber` writes it); a list or mapping as given (the canonical one, `[16,
  /// 8]`, would put spaces in the name).
  static func text(of override: Override, in tree: CanonicalNode?) -> String {
    guard case .scalar(let text, let path)? = tree?.node(at: override.path),
      path == override.path, !text.hasPrefix("["), !text.hasPrefix("{")
    else { return override.folderText }
    return "\(override.path)=\(folderNumber(text) ?? text)"
  }

  /// A canonical real number (`1000000000.0`, `1e-05`, `2.0`) as a folder name writes it, from
  /// its value alone: whole numbers below a million without `.0` (`2`), others from 0.0001 to a
  /// million as the spec writes them (`0.02`), the rest with an exponent (`1e9`, `1.5e-5`).
  /// Nil for text that is no real number (an integer key's `20`, a string).
  static func folderNumber(_ text: String) -> String? {
    guard text.contains(where: { ".eE".contains($0) }), let value = Double(text),
      value.isFinite
    else { return nil }
    let magnitude = abs(value)
    let sign = value < 0 ? "-" : ""
    if magnitude == magnitude.rounded(), magnitude < 1e6 { return sign + String(Int(magnitude)) }
    if magnitude >= 1e-4, magnitude < 1e6 { return sign + "\(magnitude)" }
    // Swift writes these as `1e-05` or in full (`1500000000.0`): digits and a power of ten.
    let plain = "\(magnitude)"
    if let e = plain.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      let exponent = Int(plain[plain.index(after: e)...]) ?? 0
      return sign + plain[..<e] + "e\(exponent)"
    }
    let whole = plain.hasSuffix(".0") ? String(plain.dropLast(2)) : plain
    guard !whole.contains(".") else { return sign + plain }
    let digits = whole.reversed().drop { $0 == "0" }.reversed()
    let mantissa =
      digits.count > 1 ? "\(digits.first!).\(String(digits.dropFirst()))" : String(digits)
    return sign + mantissa + "e\(whole.count - 1)"
  }

  /// The canonical tree of the spec `text` with `overrides`, read under `limits` as it was
  /// loaded; nil when it does not resolve.
  static func canonicalTree(
    text: String, file: String, overrides: [String], limits: ReadLimits
  ) -> CanonicalNode? {
    var replacements: [Diagnostic] = []
    var options = SpecOptions(overrides: overrides, allowOutsideResults: true)
    options.limits = limits
    guard
      let tree = try? SpecLoader.parseTree(
        text: text, file: file, options: options, replacements: &replacements),
      let spec = SpecLoader.resolve(tree: tree, file: file, options: options).spec
    else { return nil }
    return SpecWriter.tree(spec)
  }
}
