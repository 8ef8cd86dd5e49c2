"""Package: one PDF → one Frictionless data package on disk.

`build.build_document` is the per-document chain in one readable place (read → tables → text →
checks); `identity` names the publisher (with `divisions`, the administrative divisions) and
`ids` the doc-id; `write` writes the package atomically."""
