// The Datasets module; see docs/architecture.md.
