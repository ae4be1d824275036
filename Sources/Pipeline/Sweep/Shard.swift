import Conventions
import Foundation

/// A deterministic, disjoint share of a sweep's trials: shard `index` of `count` (0-based)
/// runs the trials at positions `index`, `index + count`, `index + 2·count`, … of the
/// trial-ID order, so every trial belongs to exactly one shard and the shards' sizes differ
/// by at most one.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
  /// The shard's number, `0..<count`.
  public let index: Int
  /// How many shards the sweep is split into.
  public let count: Int
  /// Where the shard came from (`--shard`, `RUNNER_SHARD`, Slurm, Kubernetes), for messages.
  public let source: String

  /// The whole sweep (one shard).
  public static let whole = Shard(validIndex: 0, count: 1, source: "default")

  private init(validIndex: Int, count: Int, source: String) {
    self.index = validIndex
    self.count = count
    self.source = source
  }

  /// Shard `index` of `count`; `index` must be in `0..<count`.
  public init(index: Int, count: Int, source: String = "--shard") throws(SweepError) {
    guard count >= 1 else {
      throw .badShard("\(source): the shard count must be at least 1 (got \(count))")
    }
    guard (0..<count).contains(index) else {
      throw .badShard(
        "\(source): shard \(index) is outside 0..<\(count) (shards are numbered from 0, so \(count) shards are 0/\(count) … \(count - 1)/\(count))"
      )
    }
    self.init(validIndex: index, count: count, source: source)
  }

  /// Parses `i/n`, e.g. `0/4`.
  public static func parse(_ text: String, source: String = "--shard") throws(SweepError) -> Shard {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2,
      let index = Int(parts[0].trimmingCharacters(in: .whitespaces)),
      let count = Int(parts[1].trimmingCharacters(in: .whitespaces))
    else {
      throw .badShard(
        "\(source): expected i/n with 0 ≤ i < n, e.g. 0/4 (got '\(ByteText.environmentValue(source, text))')"
      )
    }
    return try Shard(index: index, count: count, source: source)
  }

  /// The shard given by a scheduler's environment, or nil when none applies. In order:
  /// `RUNNER_SHARD=i/n`; a Slurm job array (`SlurmArray`); a Kubernetes Indexed Job
  /// (`JOB_COMPLETION_INDEX` of `RUNNER_SHARD_COUNT`).
  public static func fromEnvironment(_ environment: [String: String]) throws(SweepError) -> Shard? {
    if let text = environment["RUNNER_SHARD"], !text.isEmpty {
      return try parse(text, source: "RUNNER_SHARD")
    }
    if let slurm = try SlurmArray(environment) { return try slurm.shard() }
    if let indexText = environment["JOB_COMPLETION_INDEX"], !indexText.isEmpty {
      let source = "Kubernetes Indexed Job (JOB_COMPLETION_INDEX=\(indexText))"
      guard let index = Int(indexText) else { throw .badShard("\(source): not an integer") }
      guard let count = try shardCount(environment, source: source) else {
        throw .badShard(
          "\(source): set RUNNER_SHARD_COUNT to the Job's `completions` so the runner knows how many shards there are"
        )
      }
      return try Shard(index: index, count: count, source: source)
    }
    return nil
  }

  /// `RUNNER_SHARD_COUNT`, when set.
  static func shardCount(_ environment: [String: String], source: String) throws(SweepError)
    -> Int?
  {
    guard let text = environment["RUNNER_SHARD_COUNT"], !text.isEmpty else { return nil }
    guard let count = Int(text) else {
      throw .badShard(
        "\(source): RUNNER_SHARD_COUNT must be an integer (got '\(ByteText.environmentValue("RUNNER_SHARD_COUNT", text))')"
      )
    }
    return count
  }

  /// The shard to run: `explicit` (from `--shard`) when given, else the environment's, else the
  /// whole sweep.
  public static func resolve(explicit: String?, environment: [String: String]) throws(SweepError)
    -> Shard
  {
    if let explicit { return try parse(explicit) }
    return try fromEnvironment(environment) ?? .whole
  }

  /// Whether the trial at `position` (in trial-ID order) belongs to this shard.
  public func includes(position: Int) -> Bool { position % count == index }

  /// This shard's share of `items` (given in trial-ID order).
  public func share<T>(of items: [T]) -> [T] {
    items.enumerated().filter { includes(position: $0.offset) }.map(\.element)
  }

  /// `i/n`.
  public var description: String { "\(index)/\(count)" }
}
