"""The core never imports a channel's framework: checked by parsing every import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "qa_bot"
FORBIDDEN = ("flask", "click", "gunicorn", "slack_sdk", "werkzeug", "qa_bot.channels")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_modules_do_not_import_channels_or_frameworks():
    core = [p for p in PACKAGE.rglob("*.py") if "channels" not in p.parts and p.name != "__main__.py"]
    assert core
    for path in core:
        bad = {n for n in _imports(path) if n.startswith(FORBIDDEN)}
        assert not bad, f"{path.name} imports {bad}"


def _module(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")


def test_core_imports_flow_one_way():
    # Function-level imports count too: hiding a cycle inside a function does not untie it.
    core = {_module(p): p for p in PACKAGE.rglob("*.py") if "channels" not in p.parts and p.name != "__main__.py"}
    graph = {}
    for name, path in core.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                # "from qa_bot import cache" imports the module qa_bot.cache, not the package's own code.
                subs = {f"{node.module}.{a.name}" for a in node.names} & core.keys()
                found.update(subs or {node.module})
        graph[name] = {n for n in found if n in core and n not in (name, "qa_bot")}
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                assert nxt != start, "import cycle: " + " -> ".join([*trail, nxt])
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
    assert "qa_bot.parse" not in graph["qa_bot.documents"]


def test_ruff_is_clean():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", str(PACKAGE.parent)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _channel_imports(path: Path) -> set[str]:
    """Channel modules a module imports (``from qa_bot.channels import x`` counts as x)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "qa_bot.channels":
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("qa_bot.channels."):
            names.add(node.module.rsplit(".", 1)[1])
        elif isinstance(node, ast.Import):
            names.update(a.name.rsplit(".", 1)[1] for a in node.names if a.name.startswith("qa_bot.channels."))
    return names


def test_channel_modules_import_each_other_one_way():
    graph = {p.stem: _channel_imports(p) for p in (PACKAGE / "channels").glob("*.py")}
    assert graph["http"] >= {"api", "docs_page", "widget", "admin", "slack", "mattermost"}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, "import circle: " + " -> ".join((*path, name))
        if name in done:
            return
        for other in graph.get(name, ()):
            visit(other, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())


def test_sqlite_side_files_are_ignored_by_git():
    names = ["qa-bot.sqlite3", "qa-bot.sqlite3-wal", "qa-bot.sqlite3-shm", "data/feedback.db-wal"]
    proc = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=PACKAGE.parent,
                          capture_output=True, text=True, timeout=30)
    assert proc.stdout.split() == names
