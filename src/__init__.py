"""boxoffice: an open event platform. Its layers are `boxoffice.domain`, `boxoffice.application`,
`boxoffice.adapters` and `boxoffice.entrypoints`; see docs/ARCHITECTURE.md."""
