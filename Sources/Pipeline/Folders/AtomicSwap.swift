import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Swapping two paths in one step, so that neither is ever missing.
enum AtomicSwap {
  private typealias RenameAt2 =
    @convention(c) (
      Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
    ) -> Int32

  /// Linux's `renameat2`, looked up at run time (older C libraries lack it).
  private static let renameat2: RenameAt2? = {
    #if os(Linux)
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
        return nil
      }
      return unsafeBitCast(symbol, to: RenameAt2.self)
    #else
      return nil
    #endif
  }()

  /// Exchanges `a` and `b` atomically (`RENAME_EXCHANGE`); false when the system cannot.
  static func exchange(_ a: URL, _ b: URL) -> Bool {
    guard let renameat2 else { return false }
    let atCurrentDirectory: Int32 = -100  // AT_FDCWD
    let exchange: UInt32 = 2  // RENAME_EXCHANGE
    return renameat2(atCurrentDirectory, a.path, atCurrentDirectory, b.path, exchange) == 0
  }
}
