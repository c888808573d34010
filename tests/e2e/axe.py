"""Accessibility audits with axe-core (vendored from the npm registry: tests/e2e/vendor/axe-core) inside the real
browser: every rule axe runs by default (WCAG 2.0/2.1/2.2 A and AA, and best practices); a page passes with no
violation of serious or critical impact."""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def violations(page) -> list[dict]:
    """The serious and critical violations on the page as it is now (axe is evaluated through the DevTools protocol,
    which the page's Content-Security-Policy does not restrict, so the page runs under its real policy)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source())
    result = page.evaluate(
        """async () => {
            const r = await window.axe.run(document, { resultTypes: ["violations"] });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({ target: n.target.join(" "), summary: n.failureSummary }))
            }));
        }"""
    )
    return [v for v in result if v["impact"] in BLOCKING]


def describe(found: list[dict]) -> str:
    lines = []
    for v in found:
        lines.append(f"{v['impact']}: {v['id']} ({v['help']})")
        lines.extend(f"    {n['target']}: {(n['summary'] or '').splitlines()[-1]}" for n in v["nodes"][:6])
    return "\n".join(lines)


def assert_accessible(page, where: str) -> None:
    found = violations(page)
    assert not found, f"{where} ({page.url}):\n{describe(found)}"
