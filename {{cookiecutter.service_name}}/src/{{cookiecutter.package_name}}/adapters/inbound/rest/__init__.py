"""The REST adapter: FastAPI routers, their schemas, and the mapping of errors to HTTP."""
