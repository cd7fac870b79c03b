"""The import graph of the project: no circles, and imports run down the floors that
docs/ARCHITECTURE.md draws, except the few written down here with their reason."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "misidagang"

# Lowest first. A module may import from its own floor and those below.
FLOORS = [
    {"money", "errors", "values", "forms", "exports", "downloads", "engines"},
    {"accounts"},
    {"tasks"},
    {"directory"},
    {"missions"},
    {"notify"},
    {"onboarding"},
    {"meetings"},
    {"matching"},
    {"deals"},
    {"agreements"},
    {"reports"},
    {"api"},
    {"demo", "urls", "views", "settings", "cli", "asgi", "wsgi"},
]
# (importing module, imported module): each also has a comment at the import saying why.
UPWARD = {
    ("misidagang.directory.views", "misidagang.missions.models"),
}


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Our modules that `name` imports anywhere in its file (in functions and TYPE_CHECKING
    blocks too)."""
    out = set()
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text())):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                out.add(t)
                break
    return out


def floor(name: str) -> int:
    top = name.split(".")[1] if "." in name else name
    return next(i for i, apps in enumerate(FLOORS) if top in apps)


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_it_has_no_import_circle():
    g = graph()
    state: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(v: str) -> None:
        state[v] = 1
        stack.append(v)
        for w in g.get(v, ()):
            if state.get(w) == 1:
                circles.append(stack[stack.index(w) :] + [w])
            elif w not in state:
                visit(w)
        stack.pop()
        state[v] = 2

    for v in sorted(g):
        if v not in state:
            visit(v)
    assert circles == []


def test_it_imports_only_downwards_but_for_the_written_exceptions():
    g = graph()
    upward = {
        (a, b)
        for a, targets in g.items()
        for b in targets
        if a.count(".") and b.count(".") and floor(b) > floor(a)
    }
    assert upward == UPWARD
    assert len(UPWARD) <= 2


def test_it_keeps_the_engines_free_of_django_and_of_the_apps():
    for name, path in modules().items():
        if not name.startswith("misidagang.engines."):
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                assert not node.module.startswith(
                    ("django", "misidagang.")
                ) or node.module.startswith("misidagang.engines"), (name, node.module)
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("django") for a in node.names), name
