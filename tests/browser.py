"""Launch Debian's Chromium with Playwright (no browser download), for the widget's browser tests."""

from __future__ import annotations

import os
import shutil

from .server_process import require_program

CHROMIUM = os.environ.get("QA_BOT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def require_chromium() -> None:
    """Chromium must be there under CI; elsewhere its absence skips the browser tests."""
    require_program(CHROMIUM, "chromium")
