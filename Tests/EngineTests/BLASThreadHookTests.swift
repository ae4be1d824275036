import Foundation
import Testing

@testable import Engine

/// The hook that gives every thread calling BLAS the configured thread count, which an OpenMP
/// OpenBLAS reads from the calling thread (tester R13). This process's OpenBLAS is another
/// build, so the hook's logic is tested with a recording `give`.
@Suite struct BLASThreadHookTests {
  /// The counts the hook gives a thread over successive BLAS calls.
  static func given(wanted: Int, calls: Int, start: Int = 0) -> [Int] {
    var current = start
    var given: [Int] = []
    for _ in 0..<calls {
      BLAS.prepareThread(given: current, wanted: wanted) { count in
        given.append(count)
        current = count
      }
    }
    return given
  }

  @Test func anOpenMPBuildGivesEachThreadTheCountOnceBeforeItsFirstCall() {
    #expect(Self.given(wanted: 1, calls: 3) == [1])
    #expect(Self.given(wanted: 2, calls: 2) == [2])
  }

  @Test func aThreadAlreadyGivenTheCountIsLeftAlone() {
    #expect(Self.given(wanted: 2, calls: 2, start: 2).isEmpty)
  }

  @Test func nothingIsGivenWhenNoCountIsWanted() {
    // 0: a pthreads or serial build, or a process that has not configured BLAS yet.
    #expect(Self.given(wanted: 0, calls: 3).isEmpty)
  }

  @Test func aSerialBuildRunsOneThreadWhateverIsAsked() {
    #expect(BLAS.threadsRun(requested: 4, model: .serial) == 1)
    #expect(BLAS.threadsRun(requested: 4, model: .pthreads) == 4)
    #expect(BLAS.threadsRun(requested: 3, model: .openMP) == 3)
  }

  /// The model `openblas_get_parallel` reports agrees with the build's description.
  @Test func theParallelModelMatchesTheBuildDescription() {
    let build = BLAS.buildConfiguration
    let expected: BLAS.ParallelModel =
      build.contains("USE_OPENMP")
      ? .openMP : build.contains("SINGLE_THREADED") ? .serial : .pthreads
    #expect(BLAS.parallelModel == expected, "\(build)")
  }

  /// Outside an OpenMP build, no thread is asked to set anything, on any thread.
  @Test func otherBuildsLeaveWorkerThreadsAlone() async {
    BLASSetup.once()
    guard BLAS.parallelModel != .openMP else { return }
    #expect(BLAS.perThreadCount.load(ordering: .relaxed) == 0)
    let marked = await Task.detached {
      BLAS.prepareCallingThread()
      return Int(bitPattern: pthread_getspecific(BLAS.threadKey))
    }.value
    #expect(marked == 0)
  }
}
