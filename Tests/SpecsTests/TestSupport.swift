import Foundation
import Testing

@testable import Specs

/// The repository root (this file is Tests/SpecsTests/TestSupport.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent().path

/// Every spec in experiments/, as repository-relative paths.
func experimentSpecs() -> [String] {
  let dir = repositoryRoot + "/experiments"
  let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
  return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "experiments/" + $0 }
}

/// Loads a spec from text, returning the rendered diagnostics on failure.
func load(
  _ text: String, file: String = "spec.yaml", overrides: [String] = [], strict: Bool = false
)
  -> Result<LoadedSpec, SpecError>
{
  do {
    return .success(
      try SpecLoader.load(
        text: text, file: file, options: SpecOptions(overrides: overrides, strict: strict)))
  } catch {
    return .failure(error)
  }
}

/// The rendered diagnostics of a spec that must fail.
func failure(
  _ text: String, file: String = "spec.yaml", overrides: [String] = [], strict: Bool = false
) -> String {
  switch load(text, file: file, overrides: overrides, strict: strict) {
  case .success: return "<loaded>"
  case .failure(let error): return DiagnosticRenderer().render(error.diagnostics)
  }
}

/// A minimal valid spec to mutate in tests.
let minimalSpec = """
  dataset:
    name: iris
    split: {train: 0.8, test: 0.2}
  model:
    type: logreg
  """
