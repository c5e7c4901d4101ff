"""The idempotency keys of handled requests, kept in the service's own database, each
written in the transaction of what its request created."""
