/// The `--set` overrides as they name a run's or a sweep's results folder: by the spec they
/// resolve to, not by how they are written.
extension LoadedSpec {
  /// `overrides` as the folder name lists them (docs/results.md, "Run history"): each key once,
  /// with the value the resolved spec holds (`0.020` and `2e-2` both name
  /// `optimizer.learning_rate=0.02`), and none that leaves the spec's own value (`--set
  /// optimizer.learning_rate=0.02` on a spec that says 0.02): so one resolved spec lands in one
  /// folder. A removal (`~key`) and a list or mapping value are named as given, and `output`
  /// always (it names the folder outright); unparsable overrides are left out (they refuse the
  /// load).
  public func folderOverrides(_ overrides: [String]) -> [String] {
    let parsed = overrides.compactMap { try? Override(parsing: $0) }
    guard !parsed.isEmpty else { return [] }
    let resolved = text.flatMap {
      Self.canonicalTree(text: $0, file: file, overrides: overrides, limits: limits)
    }
    let own = text.flatMap {
      Self.canonicalTree(text: $0, file: file, overrides: [], limits: limits)
    }
    // `--set output=DIR` names the folder outright (`RunFolderName`), the spec's own included.
    let outright = parsed.contains { $0.path == "output" && !$0.removes }
    if !outright, let resolved, let own,
      SpecWriter.render(resolved, origins: nil) == SpecWriter.render(own, origins: nil)
    {
      return []
    }
    var named: [String] = []
    for (i, override) in parsed.enumerated() {
      // A later override of the same key names it (with the value it leaves).
      if parsed[(i + 1)...].contains(where: { $0.path == override.path && !$0.removes }),
        !override.removes
      {
        continue
      }
      let text = override.removes ? override.folderText : Self.text(of: override, in: resolved)
      // The spec's own value, unless an override of a key around or inside it changes what it
      // would be without it (`optimizer={type: sgd}` resets the learning rate).
      let entangled = parsed.contains { other in
        other.path != override.path
          && (other.path.isWithin(override.path) || override.path.isWithin(other.path))
      }
      if !override.removes, !entangled, override.path != "output", let resolved, let own,
        Self.written(override.path, in: resolved) == Self.written(override.path, in: own)
      {
        continue
      }
      // (Removing a list item twice removes two.)
      if override.removes || !named.contains(text) { named.append(text) }
    }
    return named
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

  /// The canonical text `tree` writes at `path` (or of the flow value holding it); nil when it
  /// writes nothing there.
  static func written(_ path: SpecPath, in tree: CanonicalNode) -> String? {
    tree.node(at: path)?.flowText
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
