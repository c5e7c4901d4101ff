"""Spans of the service's work, sent to a tracing backend (`open_telemetry_tracer.py`)."""
