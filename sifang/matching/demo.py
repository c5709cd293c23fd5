"""Demo: build the three indexes and store the top matches of every open demand."""

from __future__ import annotations

import random
from collections.abc import Callable

from . import live, services
from .models import MatchRun


def load(*, rng: random.Random, log: Callable[[str], None]) -> None:
    for collection in live.COLLECTIONS:
        state = live.index_rebuild(collection, workers=2)
        log(f"index {collection}: {state.documents} documents")
    run = MatchRun.objects.create()
    run = services.match_run_execute(run_id=run.pk)
    log(f"matches stored for {run.total} open demands")
