"""Browser tests: Debian's Chromium through pytest-playwright (launch args in tests/conftest.py), axe-core offline."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

# pytest-django's live_server + Playwright's sync API run ORM calls from an event-loop thread (platform-notes).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# Screenshots are written only when asked for (`GONGKAI_SCREENSHOT_DIR=docs/screenshots make pytest`),
# so a test run never changes files in the repository.
SCREENSHOTS = Path(os.environ["GONGKAI_SCREENSHOT_DIR"]) if os.environ.get("GONGKAI_SCREENSHOT_DIR") else None
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run the vendored axe-core on the current page for WCAG 2.1 A/AA; return the violations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return list(result["violations"])


def assert_accessible(page: Any, name: str) -> None:
    violations = axe_violations(page)
    lines = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in violations
    ]
    assert not violations, f"{name}: axe found WCAG 2.1 A/AA violations:\n" + "\n".join(lines)


def shot(page: Any, name: str) -> None:
    if SCREENSHOTS is None:
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"portal-{name}.png"), full_page=True)


def tab_to(page: Any, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches `selector` (proves it is reachable by keyboard)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with the Tab key")


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "locale": "zh-CN",
        "timezone_id": "Asia/Shanghai",
        "viewport": {"width": 1200, "height": 900},
    }
