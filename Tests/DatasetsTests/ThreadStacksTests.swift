import Foundation
import Testing

@testable import Datasets

#if canImport(Glibc)
  import Glibc
#endif

/// Under `ulimit -v` the address space a memory check finds left does not depend on how many of
/// the runtime's threads had started (tester AO12): their stacks are counted as
/// `ThreadStacks.counted` of them.
@Suite struct ThreadStacksTests {
  @Test func threadsStartedBeforeTheCheckLeaveTheSameFigure() {
    let stack = ThreadStacks.size
    let mapped = 300.0 * 1_048_576
    let none = ThreadStacks.used(mapped: mapped, threads: 1)
    #expect(none == mapped + Double(ThreadStacks.counted) * stack)
    for started in 1...ThreadStacks.counted {
      let used = ThreadStacks.used(mapped: mapped + Double(started) * stack, threads: 1 + started)
      #expect(used == none, "\(started) started")
    }
    // More threads than counted: what is mapped, no less.
    let more = mapped + Double(ThreadStacks.counted + 2) * stack
    #expect(ThreadStacks.used(mapped: more, threads: ThreadStacks.counted + 3) == more)
  }

  /// The threads counted grow with the CPUs, as the runtime's and OpenBLAS's pools do: on a
  /// large machine the pools alone exceed a fixed count, and the figure moved again.
  @Test func theCountedThreadsGrowWithTheCPUs() {
    #expect(ThreadStacks.counted(cpus: 2) == 8)
    #expect(ThreadStacks.counted(cpus: 64) == 132)
    #expect(
      ThreadStacks.counted
        == ThreadStacks.counted(cpus: ProcessInfo.processInfo.activeProcessorCount))
  }

  /// The stack counted is the one glibc maps for a thread started with default attributes (as
  /// the runtime's and OpenBLAS's are): its size and guard, as that thread finds them.
  @Test func theCountedStackIsADefaultThreadsStack() throws {
    let found = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    defer { found.deallocate() }
    found.initialize(to: 0)
    var thread = pthread_t()
    let started = pthread_create(
      &thread, nil,
      { argument in
        // glibc's `pthread_getattr_np` (a GNU extension the Glibc module leaves out).
        typealias Attributes =
          @convention(c) (
            pthread_t, UnsafeMutablePointer<pthread_attr_t>
          ) -> Int32
        guard let symbol = dlsym(nil, "pthread_getattr_np") else { return nil }
        var attributes = pthread_attr_t()
        let getAttributes = unsafeBitCast(symbol, to: Attributes.self)
        guard getAttributes(pthread_self(), &attributes) == 0 else { return nil }
        var (address, size, guardSize) = (UnsafeMutableRawPointer?.none, 0, 0)
        pthread_attr_getstack(&attributes, &address, &size)
        pthread_attr_getguardsize(&attributes, &guardSize)
        pthread_attr_destroy(&attributes)
        argument?.assumingMemoryBound(to: Int.self).pointee = size + guardSize
        return nil
      }, found)
    try #require(started == 0)
    pthread_join(thread, nil)
    #expect(Double(found.pointee) == ThreadStacks.size)
    #expect(ThreadStacks.size >= 1_048_576)
  }

  /// `VmSize` and `Threads` come from one reading of `/proc/self/status`.
  @Test func statusFieldsAreReadTogether() {
    let fields = MemoryBudget.statusFields(["VmSize", "Threads"])
    #expect((fields["VmSize"] ?? 0) > 0)
    #expect((fields["Threads"] ?? 0) >= 1)
    #expect(fields.count == 2)
  }
}
