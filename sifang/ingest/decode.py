"""Bytes → text: encoding detection and HTML stripping."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from .errors import IngestError

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "title",
    "dd",
    "dt",
    "hr",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "iframe", "svg", "head"}
_HTML_SNIFF = re.compile(r"<\s*(!doctype\s+html|html|body|head|p|div|br|meta|span|article)\b", re.I)


class _TextExtractor(HTMLParser):
    """Collects visible text, turning block elements into line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page rather than plain text."""
    head = text[:4000]
    return bool(_HTML_SNIFF.search(head)) and head.count("<") >= 3


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one paragraph per line, scripts and styles dropped."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = unescape("".join(parser.parts))
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _cjk_ratio(text: str) -> float:
    if not text:
        return 0.0
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk / len(text)


def _plausibility(text: str, sample: int = 2000) -> float:
    """Mean log frequency (jieba's dictionary) of the Han characters of ``text``, read as simplified
    (OpenCC t2s): the right decoding of a page is ordinary Chinese, a wrong one rare characters."""
    import math

    import jieba

    from .lexicon import quiet_jieba, t2s

    quiet_jieba()
    jieba.dt.check_initialized()
    han = [ch for ch in text[:sample] if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return -math.inf
    simplified = t2s().convert("".join(han))
    freq = jieba.dt.FREQ
    return sum(math.log(freq.get(ch, 0) + 1) for ch in simplified) / len(simplified)


PLAUSIBLE_CHINESE = 6.0
"""Least :func:`_plausibility` of a reading taken for Chinese text (ordinary news is about 9; random
Han characters, what binary data reads as, about 3)."""


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` when NUL-laden ``data`` is UTF-16 saved without a byte-order mark (some
    Windows tools export text so), else ``None``: the reading must be strict, nearly free of control
    characters, and either plausible Chinese or plain ASCII text."""
    if len(data) % 2:
        return None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if ch < " " and ch not in "\n\r\t")
        if controls > len(text) // 100:
            continue
        ascii_text = sum(1 for ch in text if " " <= ch <= "~" or ch in "\n\r\t")
        if _plausibility(text) >= PLAUSIBLE_CHINESE or ascii_text >= 0.95 * len(text):
            return text, name
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes, returning ``(text, encoding)``.

    Tries BOMs, UTF-16 without one, strict UTF-8, a declared charset, then GB18030 (a superset of GBK/GB2312) and Big5
    (whichever reads as more plausible Chinese), then charset-normalizer.
    Raises :class:`IngestError` for empty or binary input.
    """
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise IngestError("empty", "文件为空，没有可导入的内容。", "The file is empty: nothing to ingest.")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:2000]:
        reading = _utf16_without_bom(data)
        if reading is not None:
            return reading
        raise IngestError(
            "binary", "文件是二进制格式，不是文本或网页。", "The file is binary, not text or HTML."
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # An HTML page may declare its charset.
    declared = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4000])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in {"gb2312", "gbk", "gb18030"}:
            name = "gb18030"
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    # GB18030 accepts almost any byte pairs, so Big5 (traditional-character pages) also "decodes"
    # as GB18030 into rare characters: read both and keep the more plausible Chinese.
    readings = []
    for name in ("gb18030", "big5"):
        try:
            candidate = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _cjk_ratio(candidate) > 0.2:
            readings.append((_plausibility(candidate), name, candidate))
    if readings:
        _score, name, text = max(readings)
        return text, name
    from charset_normalizer import from_bytes  # a declared dependency

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    for name in ("big5", "utf-16"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise IngestError(
        "undecodable",
        "无法识别文件编码（已尝试 UTF-8、GBK/GB18030 等）。",
        "Could not detect the file encoding (tried UTF-8, GBK/GB18030 and others).",
    )


def bytes_to_text(data: bytes) -> tuple[str, str, bool]:
    """Decode bytes and strip HTML when needed: ``(text, encoding, was_html)``."""
    text, encoding = decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    is_html = looks_like_html(text)
    if is_html:
        text = html_to_text(text)
    if not text.strip():
        raise IngestError("empty", "文件没有可见的正文内容。", "The file has no visible text.")
    return text, encoding, is_html
