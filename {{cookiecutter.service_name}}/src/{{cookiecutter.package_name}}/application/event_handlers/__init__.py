"""Reactions to messages from other services, turned into this service's use cases."""
