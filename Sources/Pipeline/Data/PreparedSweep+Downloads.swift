import Conventions
import Datasets

extension PreparedSweep {
  /// The catalog files that the shard's trials still to run (`shouldRun`) read and that are
  /// neither on the search path nor in the cache, each dataset once: a re-run of a complete
  /// sweep, or one shard, downloads nothing for trials it does not run. `runner sweep
  /// --dry-run` runs nothing, so it downloads nothing: their data is neither checked nor read
  /// for the cost estimate. `configurations` (`dataConfigurations`) saves mapping each trial's
  /// spec again.
  func pendingDownloads(retryFailed: Bool, configurations: [String: DataConfiguration]? = nil)
    -> [PendingDownload]
  {
    let loader = DataLoader(locator: context.locator, fetcher: context.fetcher())
    var pending: [PendingDownload] = []
    var seen: [DataConfiguration] = []
    for trial in shardTrials where shouldRun(trial, retryFailed: retryFailed) {
      let known = configurations.map { $0[trial.id] }
      guard let configuration = known ?? (try? DataConfiguration.of(loaded(trial))),
        !seen.contains(configuration)
      else { continue }
      seen.append(configuration)
      for entry in loader.pendingDownloads(configuration)
      where !pending.contains(where: { $0.dataset.name == entry.dataset.name }) {
        pending.append(entry)
      }
    }
    return pending
  }

  /// The data configuration of each of the plan's trials to run (`shouldRun`), by trial ID,
  /// each trial's spec mapped once (none for a spec that does not map: its check says why):
  /// what the sweep's download (`pendingDownloads`) and data check (`checkTrialData`) share.
  func dataConfigurations(retryFailed: Bool) -> [String: DataConfiguration] {
    var all: [String: DataConfiguration] = [:]
    for trial in plan.trials where shouldRun(trial, retryFailed: retryFailed) {
      all[trial.id] = try? DataConfiguration.of(loaded(trial))
    }
    return all
  }

  /// What a dry run says of `pending`: each dataset not downloaded yet and the command that
  /// downloads it.
  func notDownloadedNotes(_ pending: [PendingDownload]) -> [String] {
    let loader = DataLoader(locator: context.locator, fetcher: context.fetcher())
    return pending.map {
      "note: "
        + loader.notDownloaded(
          $0.dataset, unchecked: "the trials' data was not checked and the cost not estimated")
    }
  }
}

extension PreparedSweep {
  /// Downloads what `pendingDownloads` lists before any trial starts, its progress told to
  /// `observer` (`SweepEvent.download`, nil once over), as `runner run` downloads before it
  /// trains. A file that cannot be downloaded refuses the sweep, located, when every trial reads
  /// the same data (as `checkSharedData` would); otherwise the trials reading it fail with why.
  /// Once `cancellation` is set (`--timeout` spent) the download under way is cancelled and no
  /// other starts.
  func fetchPending(
    retryFailed: Bool, cancellation: SweepCancellation,
    configurations: [String: DataConfiguration]? = nil, observer: @escaping SweepObserver
  ) throws(SweepError) {
    let pending = pendingDownloads(retryFailed: retryFailed, configurations: configurations)
    guard !pending.isEmpty else { return }
    defer { observer(.download(nil)) }
    var fetcher = context.fetcher { observer(.download($0)) }
    fetcher.downloader.stop = { cancellation.isCancelled }
    for entry in pending {
      for file in entry.files {
        guard !cancellation.isCancelled else { return }
        do {
          _ = try fetcher.ensure(file, of: entry.dataset)
        } catch let error as DataError {
          guard context.sourceCache != nil else { break }
          let failure = DataFailure(error, at: entry.key(of: file))
          throw .data(
            .data(error, diagnostics: [failure.diagnostic(in: plan.base, context: context)]))
        } catch {
          break
        }
      }
    }
  }
}
