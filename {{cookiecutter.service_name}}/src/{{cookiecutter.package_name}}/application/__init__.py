"""The application layer: use cases, and the ports they need from the outside world.

It orchestrates the domain and speaks to infrastructure only through `ports` (Protocols)
that adapters implement. Like the domain, it imports nothing outside the standard library.
"""
