"""The catalogues: one folder of TOML files per report language (see `auditor.messages`)."""
