"""One module per sidebar area."""
