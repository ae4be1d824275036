import Foundation
import Testing

/// Tester AW's F6: `runner validate` on a sweep said only the first trial whose data is bad,
/// at the axis key, though `runner sweep` says "`runner validate` locates each". Every such
/// trial is now said, each at the value of the axis's list it takes.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ValidateSweptDataBinaryTests {
  @Test func everyTrialsBadDataIsSaidAtItsValue() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let good = "x1,x2,y\n" + (0..<10).map { "\($0),\($0 % 3),\(2 * $0)" }.joined(separator: "\n")
    try good.write(to: dir.appendingPathComponent("good.csv"), atomically: true, encoding: .utf8)
    try "x1,x2,y\n1,2,3\n4,nan,6\n7,8,9\n".write(
      to: dir.appendingPathComponent("nan.csv"), atomically: true, encoding: .utf8)
    let text = """
      dataset: {file: good.csv, target: y}
      model: {type: linreg}
      sweep:
        method: grid
        parameters:
          dataset.file:
            - good.csv
            - missing.csv
            - nan.csv

      """
    let spec = dir.appendingPathComponent("spec.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    let env = ["XDG_CACHE_HOME": dir.appendingPathComponent("cache").path, "HOME": dir.path]
    let r = try SweepBinary.run(["validate", spec.path], environment: env)
    #expect(r.status == 65, "\(r.error)")
    #expect(
      r.error.contains("\(spec.path):8:9: error: data file 'missing.csv' not found"), "\(r.error)")
    #expect(r.error.contains("\(spec.path):9:9: error: "), "\(r.error)")
    #expect(r.error.contains("column 'x2'"), "\(r.error)")
    #expect(!r.output.contains("ok"), "\(r.output)")
  }
}
