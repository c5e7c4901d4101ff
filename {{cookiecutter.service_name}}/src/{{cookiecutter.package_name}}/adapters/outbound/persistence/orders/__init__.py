"""Orders in SQL: tables, the repository of the `Order` aggregate, and the read side."""
