/// How to add a dev split, said so that following it gives a valid split: a written training
/// fraction gives the dev part up (`dev: 0.2` beside `train: 0.75, test: 0.25` sums to 1.2).
extension SpecValidator {
  /// `add dataset.split.dev (e.g. 0.2)` (with `file`, `dataset.dev (a file) or` before it),
  /// and when the training part is a written fraction that can spare it, the split that makes
  /// room for it (`taken from train: split: {train: 0.55, dev: 0.2, test: 0.25}`).
  func addDevSplit(file: Bool = false) -> String {
    let split = spec.dataset.split
    let add = "add \(file ? "dataset.dev (a file) or " : "")dataset.split.dev (e.g. 0.2)"
    guard written("dataset.split.train"), case .fraction(let train) = split.train,
      train >= 0.4
    else { return add }
    let rest = ((train - 0.2) * 1000).rounded() / 1000
    let test =
      switch split.test {
      case .fraction(let f) where f > 0: ", test: \(f)"
      case .count(let n): ", test: \(n)"
      default: ""
      }
    return "\(add) taken from train (split: {train: \(rest), dev: 0.2\(test)})"
  }
}
