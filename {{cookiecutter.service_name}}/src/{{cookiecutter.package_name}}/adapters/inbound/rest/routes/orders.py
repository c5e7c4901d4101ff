"""Written by the sample bounded context (work in progress)."""
