"""The rules every workspace is checked against; each returns located problems."""
