"""Getting messages across: the outbox relay sends, the receiver acts once per message.

Nothing here knows a broker or a database: both drive ports (`Outbox`,
`MessagePublisher`, `DeadLetterQueue`, `MessageConsumer`) that the adapters implement.
"""
