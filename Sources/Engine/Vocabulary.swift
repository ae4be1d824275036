// The engine's configuration types (optimizers, schedules, …) are the declarations the spec
// layer reads too.
@_exported import Vocabulary
