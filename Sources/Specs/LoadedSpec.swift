/// A spec that loaded: the typed spec, where each value came from, and any warnings.
public struct LoadedSpec: Sendable {
  /// The typed, validated experiment with every default filled in.
  public var spec: ExperimentSpec
  /// Where each resolved value came from, to locate later diagnostics.
  public var sourceMap: SourceMap
  /// Warnings (never errors: a spec with errors does not load).
  public var warnings: [Diagnostic]
  /// The spec file as given.
  public var file: String
  /// The spec's text as read (nil for one made otherwise): `folderOverrides` reads the spec
  /// without its overrides from it.
  public var text: String?
  /// The keys of mappings whose kind a sweep axis sets (`SpecDecoder.kindDecidedKeys`), each
  /// checked in the trials instead of the base spec.
  public var kindDecidedKeys: [KindDecidedKey] = []
  /// Whether this is a validation-curve point (`curvePoint`): the run records a point it
  /// cannot solve as failed, so the data rules warn of it instead of refusing the spec.
  public var isCurvePoint = false
  /// The limits the text was read under: `folderOverrides` reads it again under the same ones.
  var limits = ReadLimits()
  /// The options it loaded with: the rules on the data tell which `--set` an error comes from
  /// by loading it again without each (`SpecLoader.followingOverrides(_:loaded:facts:)`).
  var options = SpecOptions()
  /// Whether the spec's `output` is its name (no `output` written or set): a `--set name=`
  /// then names the results folder itself (`RunFolderName`).
  public var outputFromName: Bool { sourceMap.origin(of: "output")?.location == nil }

  /// A loaded `spec` from `file` with its source map and warnings.
  public init(spec: ExperimentSpec, sourceMap: SourceMap, warnings: [Diagnostic] = [], file: String)
  {
    self.spec = spec
    self.sourceMap = sourceMap
    self.warnings = warnings
    self.file = file
  }
}
