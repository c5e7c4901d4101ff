"""How the chosen broker is connected: its connection, and the receivers it feeds."""
