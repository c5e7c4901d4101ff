"""The domain layer: the model of the business, in pure Python.

Nothing here imports a framework, a database driver or anything outside the standard library.
"""
