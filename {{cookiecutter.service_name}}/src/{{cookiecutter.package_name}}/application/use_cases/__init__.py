"""Use cases: one module each, one public `execute` method each."""
