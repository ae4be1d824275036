import Engine
import Foundation
import Synchronization

/// Runs independent jobs (bootstrap rounds, curve points) on several threads, each job a
/// single-threaded computation, and returns their results in job order, so the outcome does
/// not depend on scheduling.
///
/// The BLAS thread count is never changed here (it is set once per process): jobs run in
/// parallel only when BLAS runs on 1 thread, one per core; a process configured for several
/// BLAS threads runs the jobs one after another and lets BLAS use the cores.
enum ParallelJobs {
  /// Worker threads for `jobs` jobs: the CPUs this process may use (`AvailableCPUs`) when BLAS is single-threaded (or not
  /// configured yet), else 1; never more than the jobs, `limit` when given.
  static func workers(jobs: Int, limit: Int? = nil) -> Int {
    let blasThreads = BLAS.threads ?? 1
    let cores = blasThreads == 1 ? AvailableCPUs.count : 1
    return max(1, min(jobs, limit ?? cores, cores))
  }

  /// `body(i)` for every `i` in `0..<count`, on `workers` threads; results in index order.
  /// When jobs fail, the error of the lowest failing index is thrown (the rest stop early).
  /// `progress` is told the number of finished jobs after each one (from the worker threads).
  static func map<R: Sendable>(
    count: Int, workers: Int, progress: (@Sendable (Int) -> Void)? = nil,
    _ body: @Sendable (Int) throws(AnalysisError) -> R
  ) throws(AnalysisError) -> [R] {
    guard count > 0 else { return [] }
    if workers <= 1 {
      var results: [R] = []
      results.reserveCapacity(count)
      for i in 0..<count {
        results.append(try body(i))
        progress?(i + 1)
      }
      return results
    }
    let state = Mutex(State<R>(results: [R?](repeating: nil, count: count)))
    DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
      while true {
        let index: Int? = state.withLock { s in
          guard s.next < count, s.failure == nil else { return nil }
          defer { s.next += 1 }
          return s.next
        }
        guard let index else { return }
        do throws(AnalysisError) {
          let result = try body(index)
          let done = state.withLock { s in
            s.results[index] = result
            s.finished += 1
            return s.finished
          }
          progress?(done)
        } catch {
          state.withLock { s in
            if s.failure == nil || s.failure!.index > index { s.failure = (index, error) }
          }
        }
      }
    }
    return try state.withLock { s throws(AnalysisError) -> [R] in
      if let failure = s.failure { throw failure.error }
      return s.results.map { $0! }
    }
  }

  private struct State<R> {
    var next = 0
    var finished = 0
    var results: [R?]
    var failure: (index: Int, error: AnalysisError)?
  }
}
