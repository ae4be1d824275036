// The Specs module; see docs/architecture.md.
