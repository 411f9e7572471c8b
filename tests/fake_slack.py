"""A real HTTP server on 127.0.0.1 standing in for Slack's Web API, recording chat.postMessage calls."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class FakeSlackApi:
    """Start with `with FakeSlackApi() as api:`; `api.url` is the SLACK_API_URL to configure."""

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    data = json.loads(body)
                else:
                    data = {k: v[0] for k, v in parse_qs(body).items()}
                with outer._lock:
                    outer.calls.append({"method": self.path.rsplit("/", 1)[-1], "data": data,
                                        "auth": self.headers.get("Authorization")})
                reply = json.dumps({"ok": True, "channel": data.get("channel"), "ts": f"{time.time():.6f}"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def __enter__(self) -> FakeSlackApi:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def posts(self) -> list[dict]:
        with self._lock:
            return [c for c in self.calls if c["method"] == "chat.postMessage"]

    def wait_for_posts(self, count: int, timeout: float = 10.0, settle: float = 0.5) -> list[dict]:
        """Wait until at least `count` messages arrived, then a little longer to catch extras."""
        deadline = time.monotonic() + timeout
        while len(self.posts()) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(settle)
        return self.posts()
