"""One module per command group; each function is a thin skin over one core call."""
