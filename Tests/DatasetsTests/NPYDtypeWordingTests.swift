import Foundation
import Testing

@testable import Datasets

/// A `.npy` file numpy wrote with a dtype that is not read is told so, not that its header is
/// bad: a structured array's field list was "'[' at character 10 is not a literal", and an
/// object array "bad .npy header: unsupported dtype '|O'", which suggests a damaged file.
@Suite struct NPYDtypeWordingTests {
  static func message(_ descr: String) -> String? {
    let header = "{'descr': \(descr), 'fortran_order': False, 'shape': (2,), }"
    let bytes = NPYFile.magic + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8)
    return InputFaultTests.dataError {
      _ = try bytes.withUnsafeBytes { try NPYFile.parse($0, origin: "x.npy") }
    }?.description
  }

  @Test func aStructuredOrObjectArrayIsNamedForWhatItHolds() {
    #expect(
      Self.message("[('a', '<f8'), ('b', '<f8')]")
        == "x.npy (offset 10): a structured (record) array, each element holding named fields, "
        + "not a number: save each field as its own numeric array (np.save('a.npy', x['a']))")
    #expect(
      Self.message("'|O'")
        == "x.npy (offset 10): unsupported dtype '|O' (Python objects): arrays of bool, "
        + "(u)int8-64, float32 or float64 are read; convert it (x.astype(np.float64)), or store "
        + "class names as indices 0..k-1")
    #expect(Self.message("'<U5'")?.contains("unsupported dtype '<U5' (strings)") == true)
    #expect(Self.message("'<f2'")?.contains("(float16 numbers)") == true)
    // A code numpy does not write is a damaged header.
    #expect(Self.message("'<q9'")?.hasPrefix("x.npy (offset 10): bad .npy header:") == true)
  }
}
