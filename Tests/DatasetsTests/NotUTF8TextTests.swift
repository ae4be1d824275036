import Foundation
import Testing

@testable import Datasets

/// A file read as a CSV table that is not UTF-8 text is named for what it is, with the fix:
/// UTF-16 (Excel's "Unicode Text") and an HDF5 file named `.csv` were "NUL byte: binary data,
/// not text" (tester D, session 26).
@Suite struct NotUTF8TextTests {
  @Test func utf16AndArrayFilesReadAsCSVAreNamed() throws {
    let dir = TemporaryDirectory()
    let text = "a,b,y\n1,2,0\n"
    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { utf16 += [UInt8(unit & 0xff), UInt8(unit >> 8)] }
    let utf16Path = dir.write("utf16.csv", utf16)
    #expect(
      InputFaultTests.dataError { _ = try DataTable.read(utf16Path) }?.description
        == "\(utf16Path) (offset 0): UTF-16 text (it starts with a UTF-16 byte-order mark; "
        + "Excel's \"Unicode Text\" and PowerShell's `>` write it), not UTF-8: convert it with "
        + "`iconv -f utf-16 -t utf-8 FILE > FILE-utf8.csv`")
    let h5 = dir.path + "/arrays.csv"
    try HDF5File.write(h5, arrays: [("x", try NDArray(shape: [2], storage: .float64([1, 2])))])
    #expect(
      InputFaultTests.dataError { _ = try DataTable.read(h5) }?.description
        == "\(h5) (offset 0): this is an HDF5 file, not a CSV table (its magic number says so): "
        + "set `format: hdf5` in the spec's dataset, or rename the file")
  }
}
