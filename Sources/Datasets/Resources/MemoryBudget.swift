import Conventions
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The memory one run (or one sweep trial) may take, and the check made before allocating.
///
/// By default the least of the available memory (`MemAvailable`), the cgroup limit (v2
/// `memory.max`, v1 `memory.limit_in_bytes`) and the address space left under `RLIMIT_AS`;
/// `RUNNER_MEMORY_LIMIT` (bytes, or with a K/M/G/T suffix) replaces it, but never past the
/// address space `ulimit -v` leaves (an allocation there fails, and Swift aborts on it). Loaders
/// call `check` with the bytes a file header asks for before allocating them.
public struct MemoryBudget: Sendable, Equatable {
  /// Bytes available.
  public var limit: Double
  /// Where the limit comes from, for messages (`available memory`, `RUNNER_MEMORY_LIMIT`, ...).
  public var source: String

  /// How many trials running at once share the whole limit (`shared(among:)`); 1 otherwise.
  public private(set) var jobs = 1

  /// Bytes set aside from the whole limit before it is shared (`reserving(_:for:)`); 0 otherwise.
  public private(set) var reserved = 0.0

  /// The `ulimit -v` reading the limit was decided on, when `ulimit -v` sets it.
  public internal(set) var addressSpace: AddressSpace?

  /// A budget of `limit` bytes, coming from `source`.
  public init(limit: Double, source: String) {
    self.limit = limit
    self.source = source
  }

  /// Bytes the runner process itself takes (code, libraries, BLAS buffers), measured on the
  /// shipped specs (docs/spec.md): every estimate adds it before comparing with the limit.
  public static let processOverhead = 64.0 * 1024 * 1024

  /// The environment variable that sets the limit.
  public static let variable = "RUNNER_MEMORY_LIMIT"

  /// A `RUNNER_MEMORY_LIMIT` that is not a size.
  public struct InvalidLimit: Error, Sendable, CustomStringConvertible {
    /// The value as set.
    public var text: String
    /// What is wrong and how to write it.
    public var description: String {
      "\(MemoryBudget.variable)='\(ByteText.environmentValue(MemoryBudget.variable, text))' is not a size; write bytes or a number with K, M, G "
        + "or T (e.g. 4G, 512M)"
    }
  }

  /// A request larger than the budget.
  public struct Exceeded: Error, Sendable, CustomStringConvertible {
    /// What needs the memory (`the features of mnist.npy`).
    public var what: String
    /// Bytes asked for.
    public var needed: Double
    /// The budget it exceeds.
    public var budget: MemoryBudget
    /// `X needs about 3 GB of memory, more than the 2 GB limit (source)`.
    public var description: String {
      "\(what) needs about \(MemoryBudget.format(needed)) of memory, more than the "
        + "\(MemoryBudget.format(budget.limit)) limit (\(budget.source))"
    }
  }

  /// How to raise this budget to hold `total` bytes: the `ulimit -v` that does under one (which
  /// RUNNER_MEMORY_LIMIT cannot lift: a larger allocation fails), else RUNNER_MEMORY_LIMIT.
  public func raising(toHold total: Double) -> String {
    addressSpace.map {
      "raise the ulimit -v (e.g. ulimit -v \($0.limit(fitting: total)), in KB; library "
        + "buffers count)"
    }
      ?? "raise the limit with \(Self.variable) (e.g. \(Self.variable)="
      + "\(Self.readableLimit(atLeast: total))) if the memory is there"
  }

  /// The budget of this process: the override from `environment`, else the system's least limit;
  /// either capped by the address space `ulimit -v` leaves.
  public static func current(environment: [String: String]) throws(InvalidLimit) -> MemoryBudget {
    if let text = environment[variable], !text.isEmpty {
      guard let bytes = parse(text) else { throw InvalidLimit(text: text) }
      let override = MemoryBudget(limit: bytes, source: "set by \(variable)")
      guard let left = addressSpaceLeft(), left.limit < bytes else { return override }
      var capped = left
      capped.source += ", below \(variable)"
      return capped
    }
    return system()
  }

  /// The least of the available memory, the cgroup limit and the free address space.
  public static func system() -> MemoryBudget {
    var candidates: [MemoryBudget] = []
    if let available = meminfo("MemAvailable") {
      candidates.append(MemoryBudget(limit: available, source: "available memory"))
    }
    if let cgroup = ControlGroup.current.memoryLimit {
      candidates.append(MemoryBudget(limit: cgroup, source: "the cgroup's memory limit"))
    }
    if let addressSpace = addressSpaceLeft() { candidates.append(addressSpace) }
    return candidates.min { $0.limit < $1.limit }
      ?? MemoryBudget(limit: .infinity, source: "no limit found")
  }

  /// The address space left under `ulimit -v` (`RLIMIT_AS`), nil when there is no such limit.
  public static func addressSpaceLeft() -> MemoryBudget? {
    guard let space = addressSpaceUse() else { return nil }
    var budget = MemoryBudget(limit: space.left, source: "address space left by ulimit -v")
    budget.addressSpace = space
    return budget
  }

  /// The `ulimit -v` and what of it is taken before any data: mapped when first read, thread
  /// stacks and OpenBLAS's buffer; nil when there is no such limit.
  public static func addressSpaceUse() -> AddressSpace? {
    guard let cap = addressSpaceCap() else { return nil }
    return AddressSpace(cap: cap, used: usedBeforeData)
  }

  /// What the process takes of its address space before any data, read once, as the command
  /// starts: a successive-halving sweep read it again at each rung, after its trials' threads
  /// had mapped their malloc arenas (472 MB at the start, 769 MB at rung 1), and stopped at
  /// rung 1 with exit 64 though validate, --dry-run and rung 0 had admitted it (tester BS-10).
  private static let usedBeforeData: Double = {
    // Besides what is mapped now, OpenBLAS maps a 128 MB buffer at the first matrix product,
    // which must fit too, or it retries its allocation forever (a trivial run maps about
    // 145 MB more after this check; it hung under ulimit -v 550000 and ran under 600000).
    // Thread stacks as `ThreadStacks.counted` of them, however many had started: the same
    // figure whichever command checks, and whenever. So are OpenBLAS's pool threads' buffers,
    // mapped or not: whatever the limit (`BLASBuffers`), in one reading (`MappedSpace`).
    MappedSpace.now().used() + Self.addressSpaceReserve
  }()

  /// The `ulimit -v` (`RLIMIT_AS`) in bytes, nil when there is none.
  private static func addressSpaceCap() -> Double? {
    ResourceLimit.addressSpace.soft.map { Double($0) }
  }

  /// Address space that libraries reserve after the budget is read, beyond the runner's own
  /// resident share: counted only against `ulimit -v`.
  public static let addressSpaceReserve = 128.0 * 1024 * 1024

  /// This budget less `bytes` that something else in the process takes (`what`, for messages).
  public func reserving(_ bytes: Double, for what: String) -> MemoryBudget {
    var rest = self
    rest.limit = max(0, limit - bytes)
    rest.source = "\(source), less \(Self.format(bytes)) for \(what)"
    rest.reserved += bytes
    return rest
  }

  /// The whole limit that holds `jobs` shares of `share` bytes each besides what is reserved.
  public func whole(holding share: Double) -> Double { share * Double(jobs) + reserved }

  /// This budget divided among `jobs` trials running at once.
  public func shared(among jobs: Int) -> MemoryBudget {
    guard jobs > 1 else { return self }
    // A copy: the `ulimit -v` reading goes with it, for the refusal's ulimit advice.
    var shared = self
    shared.limit = limit / Double(jobs)
    shared.source = "\(source), shared by \(jobs) jobs"
    shared.jobs = self.jobs * jobs
    return shared
  }

  /// Throws when `bytes` exceed the budget; `what` names the allocation in the message.
  public func check(_ bytes: Double, for what: String) throws(Exceeded) {
    if bytes > limit { throw Exceeded(what: what, needed: bytes, budget: self) }
  }

  /// `12 KB`, `3.4 MB`, `80 GB` (powers of 1024).
  public static func format(_ bytes: Double) -> String {
    guard bytes.isFinite else { return "unlimited" }
    let units = ["bytes", "KB", "MB", "GB", "TB", "PB"]
    var value = bytes
    var index = 0
    while value >= 1024 && index < units.count - 1 {
      value /= 1024
      index += 1
    }
    if index == 0 { return "\(Int(value)) bytes" }
    // Past Int's range (RUNNER_MEMORY_LIMIT=1e23T) `Int(_:)` would trap.
    if value >= 1e15 { return String(format: "%.3g %@", value, units[index]) }
    return value >= 100 || value == value.rounded()
      ? "\(Int(value.rounded())) \(units[index])"
      : String(format: "%.1f %@", value, units[index])
  }

  /// A `RUNNER_MEMORY_LIMIT` value of at least `bytes`, rounded up to a readable size: whole
  /// megabytes, gigabytes or terabytes, under 1000 of the unit, tens from 100 (`90G` for 89.3
  /// GB, `24G` for 23.1 GB, `1G` for 1000.5 MB).
  public static func readableLimit(atLeast bytes: Double) -> String {
    let units: [(String, Double)] = [
      ("M", 1_048_576), ("G", 1_073_741_824), ("T", 1_099_511_627_776),
    ]
    for (index, (suffix, scale)) in units.enumerated() {
      let value = max(bytes, 0) / scale
      guard value < 1000 || index == units.count - 1, value < 1e15 else { continue }
      let rounded = value < 100 ? max(1, value.rounded(.up)) : (value / 10).rounded(.up) * 10
      return "\(Int(rounded))\(suffix)"
    }
    return "\(Int(1e15))T"
  }

  /// Bytes from `4G`, `512M`, `1.5GB`, `1048576`; nil for anything else.
  public static func parse(_ text: String) -> Double? {
    var body = text.trimmingCharacters(in: .whitespaces).uppercased()
    if body.hasSuffix("IB") { body.removeLast(2) } else if body.hasSuffix("B") { body.removeLast() }
    let scales: [Character: Double] = [
      "K": 1024, "M": 1_048_576, "G": 1_073_741_824, "T": 1_099_511_627_776,
    ]
    var scale = 1.0
    if let last = body.last, let s = scales[last] {
      scale = s
      body.removeLast()
    }
    guard let number = Double(body), number.isFinite, number > 0 else { return nil }
    return number * scale
  }

  /// A `/proc/meminfo` field in bytes.
  static func meminfo(_ field: String) -> Double? {
    fields([field], in: "/proc/meminfo")[field].map { $0 * 1024 }
  }

  /// The numbers of `fields` in one reading of `/proc/self/status` (as written: KB for sizes),
  /// so that they describe the same moment.
  static func statusFields(_ fields: [String]) -> [String: Double] {
    Self.fields(fields, in: "/proc/self/status")
  }

  /// The numbers of `fields` in one reading of `file`, a `/proc` table of `Name: number unit`
  /// lines (`/proc/self/status` puts a tab after the colon, `/proc/meminfo` spaces).
  private static func fields(_ fields: [String], in file: String) -> [String: Double] {
    guard let text = KernelFile.text(file) else { return [:] }
    var found: [String: Double] = [:]
    for line in text.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":"), fields.contains(String(line[..<colon]))
      else { continue }
      let number = line[line.index(after: colon)...].split { $0 == " " || $0 == "\t" }.first
      found[String(line[..<colon])] = number.flatMap { Double($0) }
    }
    return found
  }
}
