"""Documented upward reactions: keep the live index current and match new demands.

Connected in ``MatchingConfig.ready``: ``market.signals.listing_changed`` for demands and
offerings, and Django's ``post_save``/``post_delete`` for people. The work runs after commit."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sifang.market.models import Demand, Offering, Status


def on_listing_changed(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    from .live import record_change
    from .tasks import demand_matches_task

    collection = "demands" if sender is Demand else "offerings" if sender is Offering else None
    if collection is None:
        return
    record_change(collection, instance.pk)
    if sender is Demand and instance.status == Status.PUBLISHED:
        pk = instance.pk
        transaction.on_commit(lambda: demand_matches_task(pk))


def on_person_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    from .live import record_change

    record_change("people", instance.pk)
