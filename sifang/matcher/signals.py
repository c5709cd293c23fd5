"""Non-lexical signals: cluster and field alignment, party complementarity, maturity, cooperation
form, region, recency and status.

Every signal multiplies the lexical score ``L`` (in ``[0, 1]``): ``score = L * (1 + sum(effects))``,
so a signal can reorder texts that match but never lift a document that shares no words. The
weights below are the maximum effect of each signal; they are deliberately small next to the text
(a perfect alignment on every signal adds at most ~+0.45 to a factor of 1).

Party complementarity (``PARTY_AFFINITY``): the mechanism pairs Xinjiang's needs with the supply of
the three other parties, so a demand of party XJ is best served by CAS, SZ or MOST offerings
(affinity 1.0), an offering from another party by 0.6 and one from Xinjiang itself by 0.3.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

WEIGHTS: dict[str, float] = {
    "cluster": 0.15,  # same industrial cluster
    "field": 0.10,  # same technology field (half for the same top-level field)
    "party": 0.08,  # times PARTY_AFFINITY
    "trl": 0.05,  # offering mature enough; -0.05 per missing TRL level (at most -0.15)
    "form": 0.04,  # at least one cooperation form in common
    "region": 0.03,  # same region
    "recency": 0.04,  # times exp(-age / 2 years)
}

PARTIES = {"XJ": 1, "MOST": 2, "CAS": 3, "SZ": 4}
PARTY_NAMES = {v: k for k, v in PARTIES.items()}
OTHER_PARTY = 5
PARTY_AFFINITY = np.full((6, 6), 0.6, dtype=np.float32)
PARTY_AFFINITY[0, :] = 0.0
PARTY_AFFINITY[:, 0] = 0.0
for _p in range(1, 6):
    PARTY_AFFINITY[_p, _p] = 0.3
PARTY_AFFINITY[PARTIES["XJ"], [PARTIES["MOST"], PARTIES["CAS"], PARTIES["SZ"]]] = 1.0

MATURITY_TRL = {
    "正在研发": 3,
    "实验室阶段": 4,
    "通过小试": 5,
    "小试": 5,
    "已有样品": 5,
    "通过中试": 6,
    "中试": 6,
    "可以量产": 8,
    "量产": 8,
    "已量产": 9,
}

FORM_BITS = (
    (("转让",), 1),
    (("许可",), 2),
    (("委托开发", "合作开发", "联合开发", "开发"), 4),
    (("入股",), 8),
    (("合作生产", "生产"), 16),
    (("服务", "咨询"), 32),
)

OPEN_STATUSES = frozenset({"", "open", "visible", "published", "active", "正在技术推广"})
EPOCH = dt.date(1970, 1, 1)


def parse_party(value: Any) -> int:
    """Party code number: XJ (incl. XJ-BT …) 1, MOST 2, CAS 3, SZ 4, other 5, unknown 0."""
    if not value:
        return 0
    text = str(value).upper().split("-")[0]
    return PARTIES.get(text, OTHER_PARTY)


def parse_trl(value: Any, maturity: Any = None) -> int:
    """TRL 1–9 from an integer ``trl`` or a maturity label; 0 when unknown."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float) and 1 <= value <= 9:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return max(0, min(9, int(value.strip())))
    label = value if isinstance(value, str) and value else maturity
    if isinstance(label, str):
        for name, trl in MATURITY_TRL.items():
            if name in label:
                return trl
    return 0


def parse_forms(value: Any) -> int:
    """Bit mask of cooperation forms (transfer, licence, development, equity, production, service)."""
    if not value:
        return 0
    text = ",".join(value) if isinstance(value, list | tuple) else str(value)
    mask = 0
    for words, bit in FORM_BITS:
        if any(word in text for word in words):
            mask |= bit
    return mask


def parse_day(value: Any) -> int:
    """Days since 1970-01-01 of an ISO date (first 10 characters); 0 when missing or invalid."""
    if not value:
        return 0
    try:
        return (dt.date.fromisoformat(str(value)[:10]) - EPOCH).days
    except ValueError:
        return 0


def is_visible(doc: Mapping[str, Any]) -> bool:
    """Only open records are matched: a missing status counts as open."""
    status = doc.get("status")
    if status is None:
        return doc.get("visible", True) is not False
    return str(status).strip().lower() in OPEN_STATUSES and doc.get("visible", True) is not False


def field_major(field: str) -> str:
    """Top-level part of a hierarchical field label (``新材料-复合材料`` → ``新材料``)."""
    return field.split("-")[0].split("—")[0].strip()


def signal_effects(
    query: Mapping[str, Any], cand: Mapping[str, np.ndarray], ref_day: int
) -> dict[str, np.ndarray]:
    """Effect of every signal (already weighted) for each candidate, as arrays aligned to ``cand``.

    ``query`` holds the encoded query metadata (same keys as ``cand`` but scalars).
    """
    n = cand["trl"].shape[0]
    effects: dict[str, np.ndarray] = {}
    zero = np.zeros(n, dtype=np.float32)
    if query["cluster"] >= 0:
        effects["cluster"] = np.where(cand["cluster"] == query["cluster"], WEIGHTS["cluster"], 0.0)
    if query["field"] >= 0:
        exact = cand["field"] == query["field"]
        major = cand["major"] == query["major"]
        effects["field"] = np.where(exact, WEIGHTS["field"], np.where(major, WEIGHTS["field"] / 2, 0.0))
    if query["party"] > 0:
        effects["party"] = WEIGHTS["party"] * PARTY_AFFINITY[query["party"], cand["party"]]
    if query["trl"] > 0:
        gap = cand["trl"].astype(np.int32) - int(query["trl"])
        known = cand["trl"] > 0
        trl = np.where(gap >= 0, WEIGHTS["trl"], -WEIGHTS["trl"] * np.minimum(3, -gap))
        effects["trl"] = np.where(known, trl, 0.0)
    if query["form"] > 0:
        effects["form"] = np.where((cand["form"] & query["form"]) > 0, WEIGHTS["form"], 0.0)
    if query["region"] >= 0:
        effects["region"] = np.where(cand["region"] == query["region"], WEIGHTS["region"], 0.0)
    if ref_day > 0:
        age = np.maximum(0, ref_day - cand["posted"]) / 365.25
        effects["recency"] = np.where(cand["posted"] > 0, WEIGHTS["recency"] * np.exp(-age / 2.0), 0.0)
    return {k: np.asarray(v, dtype=np.float32) + zero for k, v in effects.items()}


def describe(kind: str, query_value: Any, doc_value: Any) -> Any:
    """Human-readable value of a signal for the reasons list."""
    if kind == "party":
        return {
            "demand": PARTY_NAMES.get(query_value, "other"),
            "offering": PARTY_NAMES.get(doc_value, "other"),
        }
    if kind == "trl":
        return {"needed": int(query_value), "offered": int(doc_value)}
    if kind == "recency" and doc_value:
        return (EPOCH + dt.timedelta(days=int(doc_value))).isoformat()
    return doc_value


def finite(x: float) -> float:
    """Round a float for output (JSON has no NaN)."""
    return 0.0 if not math.isfinite(x) else round(float(x), 4)
