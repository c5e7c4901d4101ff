"""The outbox and the inbox: messages kept in the service's own database.

The outbox holds what the service has to send, written in the transaction of the change
it announces; the inbox holds which messages each consumer has acted on, written in the
transaction of the effect.
"""
