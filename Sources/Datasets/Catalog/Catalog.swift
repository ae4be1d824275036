import Vocabulary

/// The named datasets: the cat vs non-cat images, the MNIST family and scikit-learn's bundled
/// tables, plus a two-Gaussian sample (a file, not a name). The tables and the sample ship with
/// the project in `experiments/data`; the others are downloaded.
public enum Catalog {
  /// All named datasets, in `runner data list` order.
  public static let all: [NamedDataset] = [
    catvnoncat, mnist, fashionMNIST, diabetes, iris, breastCancer, digits, wine,
  ]

  /// The dataset called `name`; the error lists the names that exist.
  public static func named(_ name: String) throws -> NamedDataset {
    guard let found = all.first(where: { $0.name == name }) else {
      // A typo (`mnsit`), or the start of a name (`cats`, `fashion`).
      let names = all.map(\.name)
      let start = name.count >= 3 ? name.prefix(3).lowercased() : nil
      let guess =
        name.closest(among: names) ?? start.flatMap { s in names.first { $0.hasPrefix(s) } }
      throw DataError.invalidConfiguration(
        "unknown dataset '\(name)'" + (guess.map { "; did you mean '\($0)'?" } ?? "")
          + " (named datasets: \(names.joined(separator: ", ")))")
    }
    return found
  }

  /// The named dataset and catalog entry of the file a spec names by `path` (relative to a
  /// data search directory, e.g. `catvnoncat/train_catvnoncat.h5`), when the catalog has it.
  public static func file(at path: String) -> (dataset: NamedDataset, file: CatalogFile)? {
    for dataset in all {
      if let file = dataset.files.first(where: { $0.path == path }) { return (dataset, file) }
    }
    return nil
  }

  /// The two-Gaussian sample (`blobs_primer004.csv`: `x1,x2,target`, 300 rows).
  public static let blobsPrimer004 = CatalogFile(
    path: "blobs_primer004.csv",
    sha256: "86616b7f6fa50fbb08dea88f222ea6205efc5351980b3693099ec19e9c637518",
    size: 11_501)

  /// Public copies of deeplearning.ai's cat-vs-non-cat files (GitHub repositories of the
  /// Coursera assignments,
  /// pinned to a commit), tried in order; each download is checked against the SHA-256.
  static let catMirrors = [
    "https://raw.githubusercontent.com/Kulbear/deep-learning-coursera/"
      + "8ef9dd4fd4a627217d4ff31e63b661dbb3db9150/"
      + "Neural%20Networks%20and%20Deep%20Learning/datasets/",
    "https://raw.githubusercontent.com/ramakris/coursera-deeplearning/"
      + "c79617ebb9ff38e765e821f80352adee93f19357/neuralnetworks/week2/datasets/",
    "https://raw.githubusercontent.com/giuseppefutia/word2vec/"
      + "c8a26537fe6ac0bb9b0fe979696d1457d2bc4092/datasets/",
  ]

  static let catvnoncat = NamedDataset(
    name: "catvnoncat",
    summary: "deeplearning.ai cat vs non-cat, 64×64×3 uint8 images (209 train, 50 test)",
    files: [
      CatalogFile(
        path: "catvnoncat/train_catvnoncat.h5",
        sha256: "fbe56ab67c3ae28d564e3a644189117976d6b31af0a3ce9bb17dbf22908af242",
        size: 2_572_022, urls: catMirrors.map { $0 + "train_catvnoncat.h5" }),
      CatalogFile(
        path: "catvnoncat/test_catvnoncat.h5",
        sha256: "6a9d39ce52fa85953c5834695b8534a30ed8cfd54971fb2f080b5a24d002b951",
        size: 616_958, urls: catMirrors.map { $0 + "test_catvnoncat.h5" }),
    ],
    train: .arrays(
      features: ArrayReference(file: "catvnoncat/train_catvnoncat.h5", dataset: "train_set_x"),
      target: ArrayReference(file: "catvnoncat/train_catvnoncat.h5", dataset: "train_set_y")),
    test: .arrays(
      features: ArrayReference(file: "catvnoncat/test_catvnoncat.h5", dataset: "test_set_x"),
      target: ArrayReference(file: "catvnoncat/test_catvnoncat.h5", dataset: "test_set_y")),
    classNames: DatasetName.catvnoncat.classNames,
    howToGet:
      "copy train_catvnoncat.h5 and test_catvnoncat.h5 from the deeplearning.ai course (course 1, "
      + "week 2) into a folder named catvnoncat/"
  )

  static func idxFamily(
    name: String, directory: String, baseURL: String?, summary: String, classes: [String]?,
    howToGet: String,
    files: [(String, String, Int, String)]
  ) -> NamedDataset {
    let catalogFiles = files.map {
      CatalogFile(
        path: "\(directory)/\($0.0)", sha256: $0.1, size: $0.2,
        urls: baseURL.map { [name = $0.0] in [$0 + name] } ?? [], contentSHA256: $0.3)
    }
    func ref(_ file: String) -> ArrayReference { ArrayReference(file: "\(directory)/\(file)") }
    return NamedDataset(
      name: name, summary: summary, files: catalogFiles,
      train: .arrays(
        features: ref("train-images-idx3-ubyte.gz"), target: ref("train-labels-idx1-ubyte.gz")),
      test: .arrays(
        features: ref("t10k-images-idx3-ubyte.gz"), target: ref("t10k-labels-idx1-ubyte.gz")),
      classNames: classes, howToGet: howToGet)
  }

  static let mnist = idxFamily(
    name: "mnist", directory: "mnist", baseURL: "https://ossci-datasets.s3.amazonaws.com/mnist/",
    summary: "MNIST handwritten digits, 28×28 uint8 (60000 train, 10000 test)",
    classes: DatasetName.mnist.classNames,
    howToGet:
      "download the four IDX .gz files from https://ossci-datasets.s3.amazonaws.com/mnist/ into mnist/",
    files: [
      (
        "train-images-idx3-ubyte.gz",
        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", 9_912_422,
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"
      ),
      (
        "train-labels-idx1-ubyte.gz",
        "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", 28_881,
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"
      ),
      (
        "t10k-images-idx3-ubyte.gz",
        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", 1_648_877,
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"
      ),
      (
        "t10k-labels-idx1-ubyte.gz",
        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 4_542,
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"
      ),
    ])

  static let fashionMNIST = idxFamily(
    name: "fashion-mnist", directory: "fashion-mnist",
    baseURL: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
    summary: "Zalando Fashion-MNIST clothing images, 28×28 uint8 (60000 train, 10000 test)",
    classes: DatasetName.fashionMNIST.classNames,
    howToGet:
      "download the four IDX .gz files from https://github.com/zalandoresearch/fashion-mnist into fashion-mnist/",
    files: [
      (
        "train-images-idx3-ubyte.gz",
        "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", 26_421_880,
        "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"
      ),
      (
        "train-labels-idx1-ubyte.gz",
        "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", 29_515,
        "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"
      ),
      (
        "t10k-images-idx3-ubyte.gz",
        "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", 4_422_102,
        "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"
      ),
      (
        "t10k-labels-idx1-ubyte.gz",
        "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", 5_148,
        "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"
      ),
    ])

  /// A bundled scikit-learn table; `wholeNumbers` for one whose pixels pandas would write as
  /// `0.0` where the catalog's copy holds `0` (its SHA-256 would differ).
  static func table(
    _ name: String, sha256: String, size: Int, summary: String, classes: [String]?,
    wholeNumbers: Bool = false
  ) -> NamedDataset {
    let frame = wholeNumbers ? "frame.astype(int)" : "frame"
    return NamedDataset(
      name: name, summary: summary,
      files: [CatalogFile(path: "\(name).csv", sha256: sha256, size: size)],
      train: .table(file: "\(name).csv", features: nil, target: "target"), test: nil,
      classNames: classes,
      howToGet:
        "the project bundles it in experiments/data (runner.yaml's data_path lists that folder); "
        + "or export it with scikit-learn: "
        + "`sklearn.datasets.load_\(name)(as_frame=True).\(frame).to_csv('\(name).csv', index=False)`"
    )
  }

  static let diabetes = table(
    "diabetes", sha256: "f16718c1e6602b419193b9a023dbe278ae7f85ff343158813d7040a9f7512dec",
    size: 95_137,
    summary: "scikit-learn diabetes regression, 442 × 10 scaled features",
    classes: DatasetName.diabetes.classNames)
  static let iris = table(
    "iris", sha256: "0ba79ae755c686ee02dfe1d2943772a46ded2433c4fde6dd7ad3b01c41ff5d3d", size: 2_777,
    summary: "Fisher's iris, 150 × 4, 3 classes", classes: DatasetName.iris.classNames)
  static let breastCancer = table(
    "breast_cancer", sha256: "75a1d74a59df9cb0a78ecc0a36085bf8a85239557f178d3b8d758e88b26416e1",
    size: 121_385,
    summary: "Wisconsin diagnostic breast cancer, 569 × 30, 2 classes",
    classes: DatasetName.breastCancer.classNames)
  static let digits = table(
    "digits", sha256: "9f7fca3251c178a06039990b75e3023f8b888151d2e2d4579c3ba0d2744a1d00",
    size: 265_359,
    summary: "UCI optical digits, 1797 × 64 (8×8, values 0..16), 10 classes",
    classes: DatasetName.digits.classNames, wholeNumbers: true)
  static let wine = table(
    "wine", sha256: "cd80158fad3d1e203d61dae42242620b02dd5f918e637b5f08381e39e7cf5204",
    size: 12_261,
    summary: "UCI wine, 178 × 13, 3 classes", classes: DatasetName.wine.classNames)
}
