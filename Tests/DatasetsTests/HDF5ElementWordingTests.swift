import CHDF5
import Foundation
import Testing

@testable import Datasets

/// HDF5 element types numpy users meet are named for what they are: float16 was "unsupported
/// HDF5 element type (2-byte class 1); integer and float datasets of 1 to 8 bytes are read",
/// which contradicts itself, and h5py's bool arrays "(1-byte enum)".
@Suite struct HDF5ElementWordingTests {
  @Test func float16AndBoolEnumsAreNamedWithTheConversion() throws {
    let (half, bool) = try HDF5File.locked("element types") { () -> (String?, String?) in
      let half = H5Tcopy(runner_h5t_native_float())
      defer { H5Tclose(half) }
      H5Tset_fields(half, 15, 10, 5, 0, 10)
      H5Tset_precision(half, 16)
      H5Tset_size(half, 2)
      H5Tset_ebias(half, 15)
      let bool = H5Tenum_create(runner_h5t_native_int8())
      defer { H5Tclose(bool) }
      var no: Int8 = 0
      var yes: Int8 = 1
      H5Tenum_insert(bool, "FALSE", &no)
      H5Tenum_insert(bool, "TRUE", &yes)
      func message(_ type: hid_t) -> String? {
        InputFaultTests.dataError { _ = try HDF5File.elementType(of: type, origin: "f.h5") }?
          .description
      }
      return (message(half), message(bool))
    }
    #expect(
      half
        == "f.h5: holds float16 numbers (2-byte floats), which are not read: store them as "
        + "float32 (h5py: data=x.astype(np.float32))")
    #expect(
      bool
        == "f.h5: holds a 1-byte enum (h5py's bool arrays are stored so), not numbers: store it "
        + "as uint8 (h5py: data=x.astype(np.uint8))")
  }
}
