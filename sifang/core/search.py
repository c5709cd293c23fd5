"""Chinese word search over ``search_tokens`` columns, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from django.db.models import Q

from .text import query_tokens


def search_q(query: str, field: str = "search_tokens") -> Q:
    """Every word of the (segmented) query must occur among the record's search tokens."""
    q = Q()
    for tok in query_tokens(query)[:12]:
        q &= Q(**{f"{field}__contains": f" {tok} "})
    return q
