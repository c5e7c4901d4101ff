"""Request and response bodies: the REST contract, kept apart from the domain model."""
