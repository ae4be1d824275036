import Testing

@testable import Datasets

/// The spec language's `DatasetName.hasClasses` (which warns on a regression of classes) agrees
/// with the catalog, which names the classes of every classification dataset.
@Suite struct CatalogClassesTests {
  @Test func everyNamedDatasetWithClassesHasClassNamesInTheCatalog() throws {
    for name in DatasetName.allCases {
      let dataset = try Catalog.named(name.rawValue)
      #expect(name.hasClasses == (dataset.classNames != nil), "\(name.rawValue)")
    }
  }
}
