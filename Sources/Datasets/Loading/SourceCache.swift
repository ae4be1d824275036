import Conventions
import Foundation

/// Files already read by this process's runs of one sweep, so its trials read each data file
/// once instead of once per trial (each trial still splits and preprocesses its own copy).
/// An entry is the samples exactly as read, under the source, the target kind, the class names
/// listed (which decide how labels are read) and the identity (`FileIdentity`: which file, its
/// size, modification and change times) of every file read; a file that changed (even with its
/// size and modification time kept, as `cp -p` keeps them) is read again, and every entry read from its earlier
/// bytes is dropped. The read copy is the one the memory estimate already counts (`data`
/// includes the bytes as read), and at most `capacity` bytes are kept.
public final class SourceCache: @unchecked Sendable {
  /// What the samples were read as: the source, the target kind, the listed class names
  /// (`DataLoader.classNames`) and the training columns matched (`DataLoader.trainingColumns`).
  struct Key: Equatable {
    var source: DataSource
    var target: TargetKind
    var classNames: [String]?
    /// The training table's columns a dev or test table's features were picked by.
    var matched: TrainingColumns? = nil
  }

  struct Entry {
    var key: Key
    /// Each file's path and identity when it was read.
    var stamps: [String]
    var samples: LabeledArrays
    var bytes: Int
  }

  private let lock = NSLock()
  private var entries: [Entry] = []
  /// How many reads the cache answered.
  private(set) var hits = 0
  /// The most bytes of samples kept.
  public let capacity: Int

  /// An empty cache keeping at most `capacity` bytes (256 MiB by default).
  public init(capacity: Int = 256 << 20) { self.capacity = capacity }

  /// The files' stamps (path and `FileIdentity`) now; nil when one cannot be examined.
  static func stamps(_ paths: [String]) -> [String]? {
    let stamps = paths.compactMap { path in FileIdentity(path: path).map { "\(path):\($0)" } }
    return stamps.count == paths.count ? stamps : nil
  }

  /// The samples read as `key` from files with these `stamps`.
  func samples(_ key: Key, stamps: [String]) -> LabeledArrays? {
    lock.withLock {
      let found = entries.first { $0.key == key && $0.stamps == stamps }?.samples
      if found != nil { hits += 1 }
      return found
    }
  }

  /// Keeps `samples`, read from files stamped `stamps` before the read (a file changed while
  /// it was read is read again next time), unless they would not fit.
  func keep(_ samples: LabeledArrays, _ key: Key, stamps: [String]) {
    let arrays = [samples.features] + (samples.targets.map { [$0] } ?? [])
    let bytes = arrays.map { $0.count * $0.elementType.byteCount }.reduce(0, +)
    lock.withLock {
      // The same key, or the same source read from files that have changed since: stale.
      entries.removeAll {
        $0.key == key
          || ($0.key.source == key.source && $0.key.target == key.target && $0.stamps != stamps)
      }
      guard entries.map(\.bytes).reduce(bytes, +) <= capacity else { return }
      entries.append(Entry(key: key, stamps: stamps, samples: samples, bytes: bytes))
    }
  }
}
