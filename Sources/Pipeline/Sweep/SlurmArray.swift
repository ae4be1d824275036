/// A Slurm job array task's view of its array (`SLURM_ARRAY_TASK_*`), and the shard it runs.
///
/// With `RUNNER_SHARD_COUNT=n` the task ID is the shard number, `ID of n`: resubmitting one
/// index (`sbatch --array=5`) or a list (`--array=0,2,5`) runs exactly those shards. Without it,
/// the shard count comes from the array itself, `(ID − MIN) / STEP of COUNT`, which is only
/// right for the whole, evenly stepped array; a one-task array with another index, or a list,
/// is refused rather than run as the whole sweep.
struct SlurmArray {
  let task: Int
  let minimum: Int
  let maximum: Int?
  let step: Int
  let count: Int?
  let pinnedCount: Int?
  let source: String

  /// The array of `environment`, or nil outside a Slurm array task.
  init?(_ environment: [String: String]) throws(SweepError) {
    guard let taskText = environment["SLURM_ARRAY_TASK_ID"], !taskText.isEmpty else {
      return nil
    }
    source = "Slurm array (SLURM_ARRAY_TASK_ID=\(taskText))"
    guard let task = Int(taskText) else { throw .badShard("\(source): not an integer") }
    self.task = task
    let number = { (name: String) in environment[name].flatMap { Int($0) } }
    minimum = number("SLURM_ARRAY_TASK_MIN") ?? 0
    maximum = number("SLURM_ARRAY_TASK_MAX")
    step = max(1, number("SLURM_ARRAY_TASK_STEP") ?? 1)
    count = number("SLURM_ARRAY_TASK_COUNT")
    pinnedCount = try Shard.shardCount(environment, source: source)
  }

  /// The shard this task runs.
  func shard() throws(SweepError) -> Shard {
    if let pinnedCount { return try Shard(index: task, count: pinnedCount, source: source) }
    let pin =
      "pin the shard count: export RUNNER_SHARD_COUNT=N in the batch script, or pass --shard \"$SLURM_ARRAY_TASK_ID/N\""
    guard let count else {
      throw .badShard("\(source): SLURM_ARRAY_TASK_COUNT is missing; \(pin)")
    }
    if count == 1 && task != 0 {
      throw .badShard(
        "\(source): a one-task array (--array=\(task)) does not say how many shards the sweep has, so the runner cannot tell which shard \(task) is; \(pin)"
      )
    }
    if let maximum, maximum - minimum != (count - 1) * step {
      throw .badShard(
        "\(source): the array is not an evenly stepped range (MIN \(minimum), MAX \(maximum), COUNT \(count)), e.g. a list like --array=0,2,5; \(pin)"
      )
    }
    guard (task - minimum) % step == 0 else {
      throw .badShard("\(source): task \(task) is not on the array's step \(step) from \(minimum)")
    }
    return try Shard(index: (task - minimum) / step, count: count, source: source)
  }
}
