"""Outbound (driven) adapters: they implement the application's ports with real technology."""
