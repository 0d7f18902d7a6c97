"""The checks, one module per family; each registers itself with `auditor.engine`."""
