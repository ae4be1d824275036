// The concepts the data layer shares with the spec language (generators, preprocessing steps,
// file formats, …), each declared once.
@_exported import Vocabulary
