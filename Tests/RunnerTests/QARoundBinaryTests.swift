import Foundation
import Testing

/// Command-line misuse found by the session-11 QA round, on the built binary.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct QARoundBinaryTests {
  // `--tolerance nan` failed every layer ("worst entry 0.0 > nan", exit 1) and `inf` passed
  // any gradient: a tolerance that bounds nothing is a usage error, as diff's --atol is.
  @Test func gradcheckRefusesAToleranceThatBoundsNothing() throws {
    let dir = SweepBinary.temporaryDirectory()
    let spec = dir.appendingPathComponent("xor.yaml").path
    try """
    dataset: {generator: {type: gates, gate: xor}}
    model:
      type: mlp
      layers: [{units: 2, activation: tanh}, {units: 1, activation: sigmoid}]
    loss: binary_cross_entropy
    optimizer: {type: gd, iterations: 1}

    """.write(toFile: spec, atomically: true, encoding: .utf8)
    for value in ["nan", "inf", "-1", "-0.5"] {
      let r = try SweepBinary.run(["gradcheck", spec, "--tolerance=\(value)"])
      #expect(r.status == 64, "\(value): \(r.output)")
      #expect(
        r.error.hasPrefix("Error: --tolerance must be a finite number ≥ 0 (got "),
        "\(value): \(r.error)")
    }
    #expect(try SweepBinary.run(["gradcheck", spec, "--tolerance", "0.001"]).status == 0)
  }
}
