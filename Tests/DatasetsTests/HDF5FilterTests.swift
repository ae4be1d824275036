import CHDF5
import Foundation
import Testing

@testable import Datasets

/// A dataset whose chunks went through a filter this HDF5 library lacks (h5py's LZF) names the
/// filter and what to do, not HDF5's "can't open directory: …/hdf5/serial/plugins".
@Suite struct HDF5FilterTests {
  @Test func aFilterThisLibraryLacksIsNamedWithTheRemedy() throws {
    let dir = TemporaryDirectory()
    let path = dir.path + "/lzf.h5"
    let message = try HDF5File.locked(path) { () -> (String?, String) in
      let file = H5Fcreate(path, runner_h5f_acc_trunc(), runner_h5p_default(), runner_h5p_default())
      defer { H5Fclose(file) }
      var dims: [hsize_t] = [8]
      let space = H5Screate_simple(1, &dims, nil)
      defer { H5Sclose(space) }
      let create = H5Pcreate(runner_h5p_dataset_create())
      defer { H5Pclose(create) }
      var chunk: [hsize_t] = [8]
      H5Pset_chunk(create, 1, &chunk)
      // h5py's LZF filter, optional as h5py registers it (this library has no LZF).
      H5Pset_filter(create, 32000, 1, 0, nil)
      let dset = H5Dcreate2(
        file, "y", runner_h5t_native_double(), space, runner_h5p_default(), create,
        runner_h5p_default())
      defer { H5Dclose(dset) }
      return (
        HDF5File.missingFilter(dset), HDF5File.readFailure(dset, path, "y", "data").description
      )
    }
    #expect(message.0 == "the LZF filter (h5py's compression='lzf')")
    #expect(
      message.1
        == "\(path) (dataset 'y'): its values are compressed with the LZF filter (h5py's "
        + "compression='lzf'), which this HDF5 library lacks: rewrite the dataset with gzip "
        + "compression (h5py: compression='gzip')")
  }
}
