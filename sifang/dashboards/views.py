from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sifang.market.models import Status

from . import selectors


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("year", "") or 0) or None
    except ValueError:
        year = None
    current = request.GET.get("clusters") == "current"
    statuses = [s for s in Status if s != Status.DRAFT]
    party_rows = selectors.listing_by_party_status(year=year)
    for r in party_rows:
        r["demand_cells"] = [r["demands"].get(s, 0) for s in statuses]
        r["offering_cells"] = [r["offerings"].get(s, 0) for s in statuses]
    context = {
        "year": year,
        "current": current,
        "statuses": statuses,
        "party_rows": party_rows,
        "cluster_rows": selectors.listing_by_cluster(year=year, current=current),
        "region_rows": selectors.listing_by_region(year=year)[:25],
        "year_rows": selectors.listing_by_year(),
        "cooperation_rows": selectors.cooperation_by_party(user=request.user),
        **selectors.home_counts(),
    }
    return render(request, "dashboards/overview.html", context)
