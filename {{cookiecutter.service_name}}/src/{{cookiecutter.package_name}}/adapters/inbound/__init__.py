"""Inbound (driving) adapters: they turn requests and messages into use-case calls."""
