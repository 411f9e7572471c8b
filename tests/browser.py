"""Launch Debian's Chromium with Playwright (no browser download), for the widget's browser tests."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("QA_BOT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def require_chromium() -> None:
    """Skip on a developer machine without Chromium; in CI (CI=true) a missing browser is a failure."""
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI"):
        pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs it with apt-get")
    pytest.skip("Chromium is not installed (apt-get install chromium); CI always runs these tests")
