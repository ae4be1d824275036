/// A key path named as a value (a validation curve's `parameter`, a sweep axis) that is no key
/// of the spec gets the advice the same key gets written in the spec (did-you-mean, "belongs
/// in", a course name converted, another tool's name): the spec is decoded with the path set.
extension SpecDecoder {
  /// The errors the spec gives `path` set where `location` names it (`regularization.lambda`:
  /// "unknown key 'lambda' in regularization; did you mean 'l2' (…)?"), without their fix-its
  /// (they write the key in the spec, not a key path); empty when it gives none there or the
  /// spec's tree is not known.
  func keyPathRefusals(_ path: SpecPath, at location: SourceLocation) -> [Diagnostic] {
    guard case .mapping(var root)? = rootNode else { return [] }
    // Without the sweep and the curve, which name key paths themselves.
    root.entries.removeAll { $0.key == "sweep" }
    if let i = root.entries.firstIndex(where: { $0.key == "report" }),
      case .mapping(var report) = root.entries[i].value
    {
      report.entries.removeAll { $0.key == "validation_curve" }
      root.entries[i].value = .mapping(report)
    }
    var probe = SpecNode.mapping(root)
    // Set to nothing: a course name's conversion then gives its rule, not one value's.
    let nothing = SpecNode.scalar(.init(text: "", isPlain: true, location: location))
    if let problem = probe.set(path, to: nothing, at: location) { return [problem] }
    var scratch = SpecDecoder(
      file: "", fallbackName: fallbackName, allowOutsideResults: allowOutsideResults)
    _ = scratch.decodeExperiment(probe)
    let places = [location, location.atLastKey(of: path)]
    return scratch.diagnostics.filter {
      $0.severity == .error && $0.location.map(places.contains) == true
    }.map {
      var d = $0
      (d.location, d.fixIt) = (location, nil)
      return d
    }
  }
}
