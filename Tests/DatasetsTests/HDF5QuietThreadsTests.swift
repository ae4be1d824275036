import CHDF5
import Foundation
import Testing

@testable import Datasets

/// HDF5's own printing of its error stack is off on the thread that calls HDF5 whichever thread
/// reads a file (Debian's thread-safe build keeps that setting per thread), so a damaged file
/// read by a sweep's worker shows the runner's one-line error, not HDF5's stack.
@Suite struct HDF5QuietThreadsTests {
  @Test func everyThreadThatReadsAnHDF5FileHasHDF5sPrintingOff() throws {
    let dir = TemporaryDirectory()
    let damaged = dir.path + "/damaged.h5"
    let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
    #expect(FileManager.default.createFile(atPath: damaged, contents: Data(signature + [0, 0])))
    nonisolated(unsafe) var printing: [Bool] = []
    let lock = NSLock()
    let done = DispatchGroup()
    for _ in 0..<3 {
      done.enter()
      Thread {
        _ = try? HDF5File.datasetNames(in: damaged)
        // HDF5 runs on the crash guard's worker thread, whichever thread asks.
        let on = try? HDF5File.locked(damaged) { () -> Bool in
          var function: H5E_auto2_t? = nil
          var data: UnsafeMutableRawPointer? = nil
          H5Eget_auto2(runner_h5e_default(), &function, &data)
          return function != nil
        }
        lock.withLock { printing.append(on ?? true) }
        done.leave()
      }.start()
    }
    done.wait()
    #expect(printing == [false, false, false])
  }
}
