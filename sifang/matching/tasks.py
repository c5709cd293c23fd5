"""Background jobs of matching (huey): batch runs, matches on publication, index compaction."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from sifang.market.models import Demand

from . import live, services


@db_task()
def match_run_task(run_id: int) -> None:
    services.match_run_execute(run_id=run_id)


@db_task()
def demand_matches_task(demand_id: int) -> None:
    demand = Demand.objects.select_related("party", "party__parent", "region").filter(pk=demand_id).first()
    if demand is not None:
        services.demand_matches_store(demand=demand)


@db_periodic_task(crontab(minute="*/10"))
def index_compact_task() -> None:
    for collection in live.COLLECTIONS:
        live.index_compact(collection)
