"""Documented upward reaction: the matching app listens to keep its live index current.

``listing_changed(sender=Demand|Offering, instance, created)`` is sent after a demand or offering
was created, edited or moved in the workflow (inside the transaction; receivers defer their work
with ``transaction.on_commit``)."""

from django.dispatch import Signal

listing_changed = Signal()
