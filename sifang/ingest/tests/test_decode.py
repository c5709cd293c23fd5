"""Decoding: encodings, HTML, empty files, non-meeting text."""

from __future__ import annotations

import pytest

from sifang.ingest import IngestError, ingest_bytes
from sifang.ingest.decode import bytes_to_text

REPORT = (
    "2024年3月28日，科学技术部与新疆维吾尔自治区部区工作会商会议在北京举行。\n"
    "科学技术部党组书记、部长吴明德，自治区党委副书记、自治区主席郑立新出席会议并讲话。\n"
    "吴明德强调，科技部将支持新疆在新能源、新材料等领域布局建设一批国家级创新平台。\n"
)


@pytest.mark.parametrize(
    "encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_encodings(encoding: str) -> None:
    draft = ingest_bytes(REPORT.encode(encoding))
    assert draft.meeting["date"] == "2024-03-28"
    assert draft.meeting["place"] == "北京"
    assert {a.name for a in draft.attendees} == {"吴明德", "郑立新"}
    assert draft.normalised_text.startswith("2024年")


def test_utf16_without_bom_is_named() -> None:
    assert bytes_to_text(REPORT.encode("utf-16-le"))[1] == "utf-16-le"
    assert bytes_to_text(REPORT.encode("utf-16-be"))[1] == "utf-16-be"
    text, encoding, _ = bytes_to_text("Joint meeting held in Urumqi.\n".encode("utf-16-le"))
    assert (text, encoding) == ("Joint meeting held in Urumqi.\n", "utf-16-le")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj<<>>endobj\n" + bytes(range(256)) * 8,
        bytes((i * 7919 + 13) % 256 for i in range(6000)),  # noise, read as UTF-16 it is random Han
        b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256)) * 4,
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(IngestError) as info:
        ingest_bytes(data)
    assert info.value.code == "binary"


def test_html_input() -> None:
    page = (
        "<!DOCTYPE html><html><head><meta charset='gbk'><title>会商</title><script>var a = '出席会议';</script>"
        "<style>p{color:red}</style></head><body><div class='nav'>首页 | 关于我们 | 联系我们 | 广告服务</div>"
        + "".join(f"<p>{line}</p>" for line in REPORT.splitlines())
        + "<div>Copyright 版权所有 未经书面授权禁止转载</div></body></html>"
    ).encode("gbk")
    text, encoding, was_html = bytes_to_text(page)
    assert was_html and encoding == "gb18030"
    assert "var a" not in text and "color" not in text
    assert text.splitlines()[1].startswith("2024年3月28日")
    draft = ingest_bytes(page)
    assert draft.meeting["place"] == "北京"
    assert "版权所有" not in draft.normalised_text and "关于我们" not in draft.normalised_text


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\xef\xbb\xbf"])
def test_empty(data: bytes) -> None:
    with pytest.raises(IngestError) as info:
        ingest_bytes(data)
    assert info.value.code == "empty"
    assert info.value.message_zh and info.value.message_en


def test_not_a_meeting() -> None:
    text = "今年以来，我区棉花种植面积稳定，机采率进一步提高，棉农收入持续增长。专家预计秋季天气总体有利于棉花采收。"
    with pytest.raises(IngestError) as info:
        ingest_bytes(text.encode("utf-8"))
    assert info.value.code == "not_meeting"
    assert "会议" in info.value.message_zh and "meeting" in info.value.message_en


def test_big5_report_is_not_read_as_gb18030() -> None:
    from sifang.ingest import ingest_bytes

    text = (
        "科技合作推進會在烏魯木齊召開\n"
        "7月18日，自治區人民政府、科學技術部在烏魯木齊召開科技合作推進會。"
        "自治區黨委副書記、自治區主席艾爾肯·吐尼亞孜出席會議並講話。\n"
    )
    draft = ingest_bytes(text.encode("big5"))
    assert draft.encoding == "big5"
    assert draft.meeting["name"] == "科技合作推进会"
    assert [p.name for p in draft.attendees] == ["艾尔肯·吐尼亚孜"]


def test_a_text_longer_than_any_report_is_refused_quickly() -> None:
    from sifang.ingest.draft import MAX_TEXT_CHARS

    report = REPORT * (MAX_TEXT_CHARS // len(REPORT))
    assert ingest_bytes(report.encode("utf-8")).meeting["place"] == "北京"  # up to the limit: read
    with pytest.raises(IngestError) as info:
        ingest_bytes((report + REPORT).encode("utf-8"))
    assert info.value.code == "too_long"
    assert "上限" in info.value.message_zh and "limit" in info.value.message_en
