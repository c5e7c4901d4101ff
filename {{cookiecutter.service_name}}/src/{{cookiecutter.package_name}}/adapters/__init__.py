"""Adapters: where the application meets technology.

`inbound` adapters drive the application (REST, message consumers); `outbound` adapters
implement its ports (persistence, messaging, clients of other services). The two sides
never import each other.
"""
