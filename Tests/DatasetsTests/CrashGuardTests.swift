import Foundation
import Testing

@testable import Datasets

/// A crash inside a guarded call (libhdf5 reading a damaged file) is an error naming the file,
/// not the end of the process; the guarded library is not called again afterwards.
@Suite struct CrashGuardTests {
  static let crashed =
    "/data/bad.h5: Lib crashed reading it: the file is damaged (its internal structure is "
    + "broken; re-create it)"

  @Test func aSegmentationFaultIsRefusedAndTheLibraryIsNotCalledAgain() throws {
    let guarded = CrashGuard(library: "Lib", remedy: "re-create it")
    #expect(try guarded.run("/data/good.h5") { 42 } == 42)
    #expect(throws: DataError.invalidConfiguration("passed through")) {
      try guarded.run("/data/good.h5") { throw DataError.invalidConfiguration("passed through") }
    }
    let fault = InputFaultTests.dataError {
      _ = try guarded.run("/data/bad.h5") { () -> Int in
        UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee
      }
    }
    #expect(fault?.description == Self.crashed)
    var called = false
    let after = InputFaultTests.dataError {
      try guarded.run("/data/next.h5") { called = true }
    }
    #expect(!called)
    let again = InputFaultTests.dataError { try guarded.run("/data/bad.h5") { called = true } }
    #expect(!called)
    #expect(again?.description == Self.crashed)
    #expect(
      after?.description
        == "/data/next.h5: not read: Lib crashed earlier in this process reading "
        + "'/data/bad.h5' and may be left corrupt; repair or remove that file and run again")
  }

  @Test func anAbortIsRefusedToo() throws {
    let guarded = CrashGuard(library: "Lib", remedy: "re-create it")
    let aborted = InputFaultTests.dataError {
      _ = try guarded.run("/data/bad.h5") { () -> Int in abort() }
    }
    #expect(aborted?.description == Self.crashed)
  }
}
