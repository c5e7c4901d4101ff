"""Customers in SQL: tables and the repository of the `Customer` aggregate."""
