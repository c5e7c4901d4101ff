"""Message consumers: they decode other services' events and call this service's use cases.

Each consumer keeps its own models of the messages it reads (a tolerant reader: unknown
fields are ignored) and never imports another service's code, nor this service's outbound
models: the schemas the publisher documents are the only thing the two sides share.
"""
