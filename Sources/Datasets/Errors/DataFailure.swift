/// Which value of a `DataConfiguration` a data error arose at: the set whose source was being
/// read and the field of that source, or the split or preprocessing stage. The caller that built
/// the configuration (the Pipeline, from a spec) turns it back into the key the user wrote.
public enum DataReference: Sendable, Hashable {
  /// Which source of a `SplitPlan`.
  public enum Part: Sendable, Hashable {
    /// The one source a `fractions` or `sized` plan divides.
    case whole
    case train, dev, test
  }

  /// Which field of a `DataSource`.
  public enum Field: Sendable, Hashable {
    /// The file holding the features (and the targets, for CSV, HDF5 and NPZ).
    case file
    /// The separate file holding the targets (`.npy` and IDX sources).
    case targetFile
    /// The target column or dataset; `index` counts several regression targets.
    case target(index: Int)
    /// A feature column or dataset.
    case feature(index: Int)
    /// The catalog name of a named dataset.
    case name
    /// The generator of a generated source.
    case generator
    /// The covariance matrix of class `index` of a blobs generator.
    case covariance(index: Int)
  }

  /// A field of one source.
  case source(Part, Field)
  /// Dividing the data into sets; `part` names the split key at fault (`test`, `train_dev`) when
  /// one is.
  case split(part: String?)
  /// The preprocessing steps.
  case preprocessing
  /// The class names the configuration gives (the spec's `dataset.classes`).
  case classes
}

/// A `DataError` with the reference it arose at, attached where it was thrown.
public struct DataFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong.
  public var error: DataError
  /// Where in the configuration.
  public var reference: DataReference
  /// The failures of the other sources checked after this one (`runner validate` reports every
  /// source's, not only the first).
  public var also: [DataFailure] = []

  /// Attaches `reference`, the configuration value being read, to `error`.
  public init(_ error: DataError, at reference: DataReference) {
    self.error = error
    self.reference = reference
  }

  /// The underlying error's message (the caller adds the location from `reference`).
  public var description: String { error.description }

  /// This failure with `name`, which the source uses for another role, never the dataset a
  /// missing dataset's name is said to mean (nil: as it is).
  func suggesting(besides name: String?) -> DataFailure {
    guard let name, case .datasetNotFound(let file, let dataset, let available, let besides) = error
    else { return self }
    var failure = self
    failure.error = .datasetNotFound(
      file: file, dataset: dataset, available: available, besides: besides + [name])
    return failure
  }

  /// Runs `body`, attaching `reference` to any error it throws (an inner reference wins).
  static func at<R>(_ reference: DataReference, _ body: () throws -> R) throws(DataFailure) -> R {
    do {
      return try body()
    } catch let failure as DataFailure {
      throw failure
    } catch let error as DataError {
      throw DataFailure(error, at: reference)
    } catch {
      throw DataFailure(.invalidConfiguration("\(error)"), at: reference)
    }
  }
}
