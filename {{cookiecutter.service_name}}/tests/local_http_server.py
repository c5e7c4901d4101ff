"""A real HTTP server on 127.0.0.1, for the tests of clients of other services."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Quiet:
    """Mixed into a request handler, before `BaseHTTPRequestHandler`: it logs nothing, as
    the test's output is not the place."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class LocalHttpServer:
    """Serves with `handler` on a port of its own at `base_url`, in a thread, until stopped."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base_url = f"http://127.0.0.1:{self._http.server_port}"
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop answering: from now on, connections to `base_url` are refused."""
        if self._thread.is_alive():
            self._http.shutdown()
            self._http.server_close()
            self._thread.join()
