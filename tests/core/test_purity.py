"""gongkai.core holds the law and must never depend on Django (house style: core ← apps ← interfaces)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "gongkai" / "core"


def test_no_core_module_imports_django_or_an_app() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in {"django", "ninja", "django_htmx"} or (
                    name.startswith("gongkai.") and not name.startswith("gongkai.core")
                ):
                    offenders.append(f"{path.relative_to(CORE)}: {name}")

    assert offenders == []


def test_importing_core_and_the_cli_loads_no_django() -> None:
    code = (
        "import sys, pkgutil, importlib, gongkai.core, gongkai.cli\n"
        "for m in pkgutil.walk_packages(gongkai.core.__path__, 'gongkai.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(any(n == 'django' or n.startswith('django.') for n in sys.modules))"
    )

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

    assert out.strip() == "False"
