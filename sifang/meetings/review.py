"""Showing what the engine changed. Offsets of changes and uncertain spots refer to the original
text, so both views are built from it: the original with each change shown as
``<del>from</del><ins>to</ins>`` at its offset, and the normalised result with each replacement
``<ins>``-marked. Uncertain spots (left as they were) are ``<mark>``-ed in both."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _spans(
    text: str, changes: list[dict[str, Any]], uncertain: list[Any]
) -> list[tuple[int, int, str, dict[str, Any]]]:
    spans: list[tuple[int, int, str, dict[str, Any]]] = []
    for i, c in enumerate(changes or []):
        try:
            offset, src = int(c.get("offset")), str(c.get("from") or "")
        except (TypeError, ValueError, AttributeError):
            continue
        if src and text[offset : offset + len(src)] == src:
            spans.append(
                (offset, offset + len(src), "change", {"i": i, "from": src, "to": str(c.get("to") or "")})
            )
    for u in uncertain or []:
        if not isinstance(u, dict):
            continue
        try:
            offset, src = int(u.get("offset")), str(u.get("text") or "")
        except (TypeError, ValueError):
            continue
        if src and text[offset : offset + len(src)] == src:
            spans.append((offset, offset + len(src), "unsure", u))
    spans.sort(key=lambda s: (s[0], -s[1]))
    return spans


def marked_text(
    text: str, changes: list[dict[str, Any]], *, uncertain: list[Any] | None = None, result: bool = False
) -> SafeString:
    """The original ``text`` escaped and marked up; with ``result=True`` the text after the
    changes (the normalised text) with each replacement marked."""
    out: list[str] = []
    pos = 0
    for start, end, kind, info in _spans(text, changes, uncertain or []):
        if start < pos:  # overlapping: keep the first
            continue
        out.append(escape(text[pos:start]))
        if kind == "change":
            title = escape(f"{info['from']} → {info['to'] or '∅'}")
            if result:
                out.append(
                    f'<ins class="chg" title="{title}">{escape(info["to"])}</ins>' if info["to"] else ""
                )
            else:
                out.append(
                    f'<span class="chg" id="chg-{info["i"]}" title="{title}"><del>{escape(info["from"])}</del>'
                    + (f"<ins>{escape(info['to'])}</ins>" if info["to"] else "")
                    + "</span>"
                )
        else:
            cands = "、".join(map(str, info.get("candidates") or []))
            title = escape(f"? {cands} {info.get('reason') or ''}".strip())
            out.append(f'<mark class="unsure" title="{title}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
