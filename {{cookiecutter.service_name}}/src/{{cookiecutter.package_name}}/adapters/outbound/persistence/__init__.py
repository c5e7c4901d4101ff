"""Persistence with SQLAlchemy 2 (async): the engine, the unit of work, tables and mappings."""
