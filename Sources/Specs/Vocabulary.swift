// The concepts the spec language shares with the engine (optimizers, schedules, …), each
// declared once with its keys.
@_exported import Vocabulary
