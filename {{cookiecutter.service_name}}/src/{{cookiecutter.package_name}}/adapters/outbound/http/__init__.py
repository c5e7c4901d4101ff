"""Clients of other services over HTTP, each behind a circuit breaker (`circuit_breaker.py`)."""
