"""The composition root: settings, the container, the app and worker entrypoints.

This is the only package where concrete adapters meet the ports they implement. Nothing
else imports it.
"""
