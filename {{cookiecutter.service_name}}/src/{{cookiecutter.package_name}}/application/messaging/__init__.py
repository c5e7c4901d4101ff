"""Messages between services: their envelope, and the context they are sent and handled in."""
