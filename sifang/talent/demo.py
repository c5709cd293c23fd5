"""Demo talent exchanges of every kind between organisations of different parties, without
overlaps for any person. Deterministic for a given ``rng``."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from sifang.organisations.models import Organisation
from sifang.people.models import Person
from sifang.taxonomy.models import Programme

from .models import Exchange, ExchangeKind
from .services import _refresh_search

RESULTS = [
    "完成挂职任务，推动两项技术合作落地。",
    "联合发表论文2篇，申请发明专利1项。",
    "培训基层技术人员120人次。",
    "指导企业解决生产工艺难题3项。",
    "促成院地合作协议1份。",
    "",
]


@transaction.atomic
def load(*, rng: random.Random, log: Callable[[str], None]) -> None:
    if Exchange.objects.exists():
        log("talent: demo exchanges exist already, skipped")
        return
    people = list(Person.objects.select_related("organisation", "organisation__party").order_by("pk")[:60])
    orgs = list(Organisation.objects.select_related("party").order_by("pk"))
    if not people or len(orgs) < 2:
        log("talent: no people or organisations, nothing loaded")
        return
    programmes = list(Programme.objects.order_by("pk"))
    kinds = list(ExchangeKind.values)
    today = timezone.localdate()
    n = 0
    for i, person in enumerate(people):
        home = person.organisation
        home_top = home.party.parent_id or home.party_id
        targets = [o for o in orgs if (o.party.parent_id or o.party_id) != home_top] or [
            o for o in orgs if o.pk != home.pk
        ]
        start = today - dt.timedelta(days=rng.randint(30, 1500))
        for _k in range(1 + i % 2):
            end = start + dt.timedelta(days=rng.choice([30, 90, 180, 365]))
            ex = Exchange(
                kind=kinds[(i + _k) % len(kinds)],
                person=person,
                from_organisation=home,
                to_organisation=rng.choice(targets),
                start_date=start,
                end_date=end,
                programme=rng.choice(programmes) if programmes and rng.random() < 0.7 else None,
                results=rng.choice(RESULTS) if end < today else "",
            )
            ex.full_clean()
            _refresh_search(ex)
            ex.save()
            n += 1
            start = end + dt.timedelta(days=rng.randint(10, 200))
    log(f"talent: {n} exchanges")
