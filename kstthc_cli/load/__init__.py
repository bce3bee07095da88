"""Reading the files: bytes → YAML nodes → models → a workspace."""
