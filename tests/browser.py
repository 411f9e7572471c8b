"""Launch Debian's Chromium with Playwright (no browser download), for the widget's browser tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .server_process import require_program

CHROMIUM = os.environ.get("QA_BOT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def require_chromium() -> None:
    """Chromium must be there under CI; elsewhere its absence skips the browser tests."""
    require_program(CHROMIUM, "chromium")

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def require_axe() -> None:
    """axe-core comes from npm (package-lock.json pins it; `make test` runs npm ci)."""
    import pytest

    if AXE.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{AXE} not found; `make test` installs it with npm ci")
    pytest.skip("axe-core is not installed (run npm ci); CI always runs these tests")


def axe_violations(page) -> list[str]:
    """Every axe-core violation on the page, of any impact, shadow DOM included, one line each."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(str(n["target"]) for n in v["nodes"])
            for v in result["violations"]]
