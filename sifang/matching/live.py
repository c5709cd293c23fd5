"""The live, persisted, shared index of each collection.

* A saved index version lives in ``MATCH_INDEX_DIR/<collection>/<version>/`` (numpy files that
  every process memory-maps read-only, so worker processes share one copy); ``IndexState`` names
  the current version and the last change folded into it.
* Changes (publish, edit, withdraw) are appended to ``IndexChange``; before each search a process
  applies the changes it has not seen to its small in-memory delta — so results change at once,
  without a rebuild.
* ``index_compact`` folds pending changes into a new saved version (no re-segmentation of the
  base); ``index_rebuild`` builds from the database (`sifang index rebuild`).
"""

from __future__ import annotations

import shutil
import threading
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from sifang.matcher import Index

from .documents import iter_docs
from .models import Collection, IndexChange, IndexState

COLLECTIONS = tuple(Collection.values)
_lock = threading.Lock()
_cache: dict[str, tuple[str, int, Index]] = {}


def _root() -> Path:
    return Path(settings.MATCH_INDEX_DIR)


def _save(collection: str, index: Index, last_change_id: int) -> IndexState:
    version = uuid.uuid4().hex[:16]
    index.save(_root() / collection / version)
    with transaction.atomic():
        state, _ = IndexState.objects.select_for_update().get_or_create(
            collection=collection, defaults={"version": version}
        )
        old = state.version
        state.version, state.last_change_id, state.documents = version, last_change_id, len(index)
        state.save()
    _prune(collection, keep={version, old})
    return state


def _prune(collection: str, keep: set[str]) -> None:
    base = _root() / collection
    if not base.is_dir():
        return
    for child in base.iterdir():
        if child.is_dir() and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)


def _last_change_id(collection: str) -> int:
    last = (
        IndexChange.objects.filter(collection=collection).order_by("-id").values_list("id", flat=True).first()
    )
    return int(last or 0)


def index_rebuild(collection: str, *, workers: int = 1) -> IndexState:
    """Build ``collection`` from the database and make it current."""
    upto = _last_change_id(collection)
    index = Index.build(iter_docs(collection), workers=workers)
    state = _save(collection, index, upto)
    with _lock:
        _cache.pop(collection, None)
    return state


def _apply_changes(collection: str, index: Index, after: int) -> int:
    changes = list(
        IndexChange.objects.filter(collection=collection, id__gt=after)
        .order_by("id")
        .values_list("id", "object_id")
    )
    if not changes:
        return after
    ids = {object_id for _, object_id in changes}
    present = set()
    for doc in iter_docs(collection, ids):
        index.upsert(doc)
        present.add(int(doc["id"]))
    for object_id in ids - present:
        index.remove(str(object_id))
    return changes[-1][0]


def live_index(collection: str) -> Index:
    """The current index of ``collection`` with every recorded change applied."""
    state = IndexState.objects.filter(collection=collection).first()
    if state is None or not (_root() / collection / state.version / "index.json").exists():
        state = index_rebuild(collection)
    with _lock:
        cached = _cache.get(collection)
        if cached is None or cached[0] != state.version:
            index = Index.open(_root() / collection / state.version)
            cached = (state.version, state.last_change_id, index)
        version, applied, index = cached
        applied = _apply_changes(collection, index, applied)
        _cache[collection] = (version, applied, index)
        return index


def index_compact(collection: str) -> IndexState | None:
    """Fold the pending changes into a new saved version; None when nothing is pending."""
    state = IndexState.objects.filter(collection=collection).first()
    if state is None:
        return index_rebuild(collection)
    if not IndexChange.objects.filter(collection=collection, id__gt=state.last_change_id).exists():
        return None
    index = Index.open(_root() / collection / state.version, mmap=False)
    applied = _apply_changes(collection, index, state.last_change_id)
    new_state = _save(collection, index, applied)
    IndexChange.objects.filter(collection=collection, id__lte=applied).delete()
    return new_state


def record_change(collection: str, object_id: int) -> None:
    IndexChange.objects.create(collection=collection, object_id=object_id)


def reset_cache() -> None:
    with _lock:
        _cache.clear()


def status() -> list[dict[str, Any]]:
    out = []
    for c in COLLECTIONS:
        state = IndexState.objects.filter(collection=c).first()
        pending = IndexChange.objects.filter(
            collection=c, id__gt=state.last_change_id if state else 0
        ).count()
        out.append(
            {
                "collection": c,
                "version": state.version if state else None,
                "documents": state.documents if state else 0,
                "pending": pending,
                "built_at": state.built_at if state else None,
            }
        )
    return out
