"""Deterministic demo data: the four parties' organisations and people (generated with Faker
zh_CN and domain vocabulary) and real technology-market listings as demands and offerings,
tagged with clusters and fields by their content. Other apps add theirs through `<app>.demo.load`."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import random
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from faker import Faker
from simple_history.utils import bulk_create_with_history

from sifang.accounts.models import Role, User
from sifang.core.text import search_document
from sifang.core.validators import ID_CHECK, ID_WEIGHTS, uscc_check_char
from sifang.market.models import Demand, Offering, Status, Visibility
from sifang.organisations.models import Organisation
from sifang.people.models import Person
from sifang.taxonomy.models import Cluster, Field, Party, Region

from . import vocabulary as V

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED = 20230722
DEMO_PASSWORD = "sifang-demo-2026"
DEMO_USERS = (
    ("office", Role.ADMIN, None, "联络办公室管理员"),
    ("officer_xj", Role.OFFICER, "XJ", "新疆科技厅联络员"),
    ("officer_sz", Role.OFFICER, "SZ", "深圳市科创局联络员"),
    ("member_xj", Role.MEMBER, "XJ", "企业科技专员"),
    ("member_cas", Role.MEMBER, "CAS", "研究所成果转化专员"),
    ("viewer", Role.VIEWER, "MOST", "科技部观察员"),
)
APP_LOADERS = ("projects", "talent", "instruments", "meetings", "matching")


def _jsonl(name: str) -> list[dict[str, Any]]:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _credit_code(rng: random.Random, region_code: str) -> str:
    body = "91" + region_code + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return body + uscc_check_char(body)


def _id_number(rng: random.Random) -> str:
    body = rng.choice(["650102", "650203", "653101", "440305", "110108"]) + f"{rng.randint(1965, 1998)}"
    body += f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
    return body + ID_CHECK[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def _score(text: str, table: dict[str, tuple[str, ...]]) -> list[tuple[int, str]]:
    scores = [(sum(text.count(k) for k in kws), name) for name, kws in table.items()]
    return sorted([s for s in scores if s[0] > 0], reverse=True)


class DemoLoader:
    def __init__(self, log: Callable[[str], None]) -> None:
        self.log = log
        self.rng = random.Random(SEED)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(SEED)
        self.parties = {p.code: p for p in Party.objects.all()}
        self.clusters = {(c.scheme.code, c.name): c for c in Cluster.objects.select_related("scheme")}
        self.fields = {f.name: f for f in Field.objects.all()}
        self.regions = list(Region.objects.all())
        self.xj_regions = [r for r in self.regions if r.kind == "xj_prefecture"]
        self.bt_regions = [r for r in self.regions if r.kind == "bingtuan_division"]
        self.sz_region = next(r for r in self.regions if r.name == "深圳市")
        self.other_regions = [r for r in self.regions if r.kind == "province" and r.name != "深圳市"]
        self.orgs: list[Organisation] = []

    # -- organisations -------------------------------------------------------------------------
    def _org(self, name: str, kind: str, party: str, region: Region | None) -> None:
        rng = self.rng
        credit = None
        if kind in ("enterprise", "finance", "platform"):
            credit = _credit_code(rng, "650100" if party.startswith("XJ") else "440300")
        org = Organisation(
            name=name,
            kind=kind,
            party=self.parties[party],
            region=region,
            address=self.fake.street_address(),
            credit_code=credit,
            description=f"{name}是{self.parties[party].name}方面的{dict(Organisation.Kind.choices)[kind]}。",
        )
        org.search_tokens = search_document(org.name, org.description, org.address)
        self.orgs.append(org)

    def organisations(self) -> None:
        rng = self.rng
        for name in V.CAS_INSTITUTES:
            party = "CAS-XJ" if "新疆" in name else "CAS"
            region = (
                rng.choice(self.xj_regions[:1])
                if "新疆" in name
                else (self.sz_region if "深圳" in name else rng.choice(self.other_regions))
            )
            self._org(name, "institute", party, region)
        for party, names in V.UNIVERSITIES.items():
            for name in names:
                region = (
                    rng.choice(self.xj_regions)
                    if party == "XJ"
                    else self.sz_region
                    if party == "SZ"
                    else rng.choice(self.other_regions)
                )
                self._org(name, "university", party, region)
        for party, names in V.AGENCIES.items():
            for name in names:
                p = (
                    "XJ-BT"
                    if "兵团" in name
                    else ("SZ-KS" if "前方指挥部" in name else ("CAS-XJ" if "新疆分院" in name else party))
                )
                region = (
                    self.sz_region
                    if party == "SZ" and p != "SZ-KS"
                    else (
                        rng.choice(self.xj_regions)
                        if p.startswith(("XJ", "CAS-XJ", "SZ-KS"))
                        else rng.choice(self.other_regions)
                    )
                )
                self._org(name, "agency", p, region)
        for party, names in V.PARKS.items():
            for name in names:
                region = rng.choice(self.xj_regions) if party in ("XJ", "CAS") else self.sz_region
                self._org(name, "park", party, region)
        for i, name in enumerate(
            ("新疆科技金融服务有限公司", "深圳市创新投资集团", "天山科技创业投资基金", "国投创合援疆基金")
        ):
            self._org(
                name,
                "finance",
                ["XJ", "SZ", "XJ", "MOST"][i],
                self.xj_regions[0] if i != 1 else self.sz_region,
            )
        for i, name in enumerate(
            (
                "新疆大型科学仪器共享平台运营有限公司",
                "深圳国际技术转移平台有限公司",
                "丝路技术转移服务有限公司",
            )
        ):
            self._org(
                name, "platform", ["XJ", "SZ", "XJ"][i], self.xj_regions[0] if i != 1 else self.sz_region
            )
        used: set[str] = {o.name for o in self.orgs}
        plan = [("XJ", 70), ("XJ-BT", 18), ("SZ", 26), ("MOST", 6)]
        for party, count in plan:
            made = 0
            while made < count:
                stem = rng.choice(V.ENTERPRISE_STEMS)
                trade, _cluster = rng.choice(V.ENTERPRISE_TRADES)
                if party.startswith("XJ"):
                    region = rng.choice(self.bt_regions if party == "XJ-BT" else self.xj_regions)
                    place = region.name.split("(")[-1].rstrip(")").replace("地区", "").replace("市", "")[:4]
                    prefix = "新疆" if rng.random() < 0.6 else place
                elif party == "SZ":
                    region, prefix = self.sz_region, "深圳市"
                else:
                    region = rng.choice(self.other_regions)
                    prefix = region.name.rstrip("省市")
                name = f"{prefix}{stem}{trade}{rng.choice(['有限公司', '股份有限公司', '集团有限公司'])}"
                if name in used:
                    continue
                used.add(name)
                self._org(name, "enterprise", party, region)
                made += 1
        Organisation.objects.bulk_create(self.orgs)
        self.orgs = list(Organisation.objects.select_related("party"))
        through_c = Organisation.clusters.through
        through_f = Organisation.fields.through
        links_c, links_f = [], []
        field_list = list(self.fields.values())
        for org in self.orgs:
            trade_cluster = next((c for t, c in V.ENTERPRISE_TRADES if t in org.name), None)
            cl = self.clusters.get(("xj8", trade_cluster or ""))
            if cl is None and org.kind in ("institute", "university"):
                cl = self.rng.choice([c for (s, _), c in self.clusters.items() if s == "xj8"])
            if cl is not None:
                links_c.append(through_c(organisation_id=org.id, cluster_id=cl.id))
            for f in self.rng.sample(field_list, 2):
                links_f.append(through_f(organisation_id=org.id, field_id=f.id))
        through_c.objects.bulk_create(links_c, ignore_conflicts=True)
        through_f.objects.bulk_create(links_f, ignore_conflicts=True)
        self.log(f"organisations: {len(self.orgs)}")

    # -- people ---------------------------------------------------------------------------------
    def people(self) -> None:
        rng, fake = self.rng, self.fake
        research = [o for o in self.orgs if o.kind in ("institute", "university")]
        others = [o for o in self.orgs if o.kind not in ("institute", "university")]
        people = []
        for i in range(240):
            if i < 150:
                org, kind, title = rng.choice(research), "expert", rng.choice(V.EXPERT_TITLES)
            elif i < 200:
                org, kind, title = rng.choice(others), "talent", rng.choice(V.TALENT_TITLES)
            else:
                org, kind, title = (
                    rng.choice(others),
                    "contact",
                    rng.choice(("科技部门负责人", "办公室主任", "联络员")),
                )
            p = Person(
                name=fake.name(),
                kind=kind,
                organisation=org,
                title=title,
                phone="1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9)),
                email=f"{fake.user_name()}{i}@{rng.choice(['xjas.ac.cn', 'xju.edu.cn', 'sz.gov.cn', 'example.com.cn'])}",
                id_number=_id_number(rng) if rng.random() < 0.5 else "",
                expertise="、".join(rng.sample(list(self.fields), 3)),
            )
            p.search_tokens = search_document(p.name, p.title, p.expertise, org.name)
            people.append(p)
        bulk_create_with_history(people, Person, batch_size=500)
        through = Person.fields.through
        field_ids = {f.name: f.id for f in self.fields.values()}
        links = [
            through(person_id=p.id, field_id=field_ids[name])
            for p in Person.objects.all()
            for name in p.expertise.split("、")
            if name in field_ids
        ]
        through.objects.bulk_create(links, ignore_conflicts=True)
        self.log(f"people: {len(people)}")

    # -- listings -------------------------------------------------------------------------------
    def _tags(self, text: str) -> tuple[list[int], list[int]]:
        cl: list[int] = []
        xj = _score(text, V.XJ8_KEYWORDS)
        if xj:
            cl.append(self.clusters[("xj8", xj[0][1])].id)
        sz = _score(text, V.SZ20_KEYWORDS)
        if sz:
            cl.append(self.clusters[("sz20", sz[0][1])].id)
        fl = [self.fields[name].id for _, name in _score(text, V.FIELD_KEYWORDS)[:2]]
        return cl, fl

    def _status(self) -> str:
        return self.rng.choices(
            [
                Status.PUBLISHED,
                Status.NEGOTIATING,
                Status.CONTRACTED,
                Status.CLOSED,
                Status.DRAFT,
                Status.WITHDRAWN,
            ],
            weights=[70, 8, 5, 3, 10, 4],
        )[0]

    def _visibility(self) -> str:
        return self.rng.choices(
            [Visibility.MECHANISM, Visibility.PUBLIC, Visibility.OWN_PARTY], weights=[60, 30, 10]
        )[0]

    def _pick_org(self, pool: list[Organisation], text: str) -> Organisation:
        xj = _score(text, V.XJ8_KEYWORDS)
        if xj:
            trade_match = [
                o for o in pool if any(t in o.name for t, c in V.ENTERPRISE_TRADES if c == xj[0][1])
            ]
            if trade_match and self.rng.random() < 0.8:
                return self.rng.choice(trade_match)
        return self.rng.choice(pool)

    def listings(self, n_demands: int = 480, n_offerings: int = 960) -> None:
        rng = self.rng
        demands_src = [d for d in _jsonl("demands.jsonl") if len(d.get("text") or "") >= 20]
        offerings_src = [o for o in _jsonl("offerings.jsonl") if len(o.get("text") or "") >= 20]
        rng.shuffle(demands_src)
        rng.shuffle(offerings_src)
        xj_ent = [o for o in self.orgs if o.kind == "enterprise" and o.party.code.startswith("XJ")]
        other_ent = [o for o in self.orgs if o.kind == "enterprise" and not o.party.code.startswith("XJ")]
        research = {
            code: [
                o
                for o in self.orgs
                if o.kind in ("institute", "university")
                and (o.party.code == code or o.party.code.startswith(code + "-"))
            ]
            for code in ("CAS", "SZ", "MOST", "XJ")
        }
        agencies = [o for o in self.orgs if o.kind == "agency"]
        now = timezone.now()
        demand_rows, demand_tags = [], []
        for src in demands_src[:n_demands]:
            text = src["title"] + src["text"]
            org = self._pick_org(xj_ent if rng.random() < 0.8 else other_ent, text)
            status = self._status()
            forms = sorted({V.FORM_MAP[f] for f in (src.get("form") or "").split(",") if f in V.FORM_MAP})
            posted = (
                dt.date.fromisoformat(src["posted"])
                if re.match(r"\d{4}-\d\d-\d\d$", src.get("posted", ""))
                else dt.date(2020, 1, 1)
            )
            shift = dt.timedelta(days=(2025 - posted.year) * 365 + rng.randint(0, 300))
            d = Demand(
                title=src["title"][:200],
                description=src["text"],
                organisation=org,
                party=org.party,
                region=org.region,
                recommending_unit=rng.choice(agencies) if rng.random() < 0.4 else None,
                cooperation_forms=forms or ["joint_dev"],
                amount=Decimal(rng.choice([10, 20, 30, 50, 80, 100, 150, 200, 300, 500]))
                if rng.random() < 0.7
                else None,
                deadline=(posted + shift + dt.timedelta(days=365)),
                status=status,
                visibility=self._visibility(),
                source_ref=src["id"],
                min_trl=rng.choice([None, 4, 5, 6, 7]),
                published_at=None
                if status == Status.DRAFT
                else min(now, timezone.make_aware(dt.datetime.combine(posted + shift, dt.time(10)))),
            )
            d.search_tokens = search_document(d.title, d.description)
            demand_rows.append(d)
            demand_tags.append(self._tags(text))
        bulk_create_with_history(demand_rows, Demand, batch_size=500)
        self._link(Demand, demand_rows, demand_tags)
        offering_rows, offering_tags = [], []
        for src in offerings_src[:n_offerings]:
            text = src["title"] + src["text"]
            party = rng.choices(["CAS", "SZ", "MOST", "XJ"], weights=[40, 25, 20, 15])[0]
            org = rng.choice(research[party])
            status = self._status()
            price = src.get("price") or ""
            m = re.search(r"(\d+(?:\.\d+)?)", price)
            amount = Decimal(m.group(1)).quantize(Decimal("0.01")) if m and "万" in price else None
            posted = (
                dt.date.fromisoformat(src["posted"])
                if re.match(r"\d{4}-\d\d-\d\d$", src.get("posted", ""))
                else dt.date(2020, 1, 1)
            )
            shift = dt.timedelta(days=(2025 - posted.year) * 365 + rng.randint(0, 300))
            ip = src.get("ip") or ""
            patents = re.findall(r"ZL\s?\d{12}\.?[\dX]", src.get("text") or "")
            o = Offering(
                title=src["title"][:200],
                description=src["text"],
                organisation=org,
                party=org.party,
                region=org.region,
                kind=rng.choices(["achievement", "expert_service", "platform_service"], weights=[85, 10, 5])[
                    0
                ],
                trl=V.MATURITY_TRL.get(src.get("maturity") or "", rng.choice([3, 4, 5, 6, 7])),
                maturity=(src.get("maturity") or "")[:60],
                ip_status=ip[:60],
                patent_numbers=" ".join(patents)[:300],
                cooperation_forms=sorted(
                    {V.FORM_MAP[f] for f in re.split(r"[,，、]", src.get("form") or "") if f in V.FORM_MAP}
                )
                or ["transfer"],
                amount=amount,
                status=status,
                visibility=self._visibility(),
                source_ref=src["id"],
                published_at=None
                if status == Status.DRAFT
                else min(now, timezone.make_aware(dt.datetime.combine(posted + shift, dt.time(10)))),
            )
            o.search_tokens = search_document(o.title, o.description)
            offering_rows.append(o)
            offering_tags.append(self._tags(text))
        bulk_create_with_history(offering_rows, Offering, batch_size=500)
        self._link(Offering, offering_rows, offering_tags)
        self.log(f"demands: {len(demand_rows)}, offerings: {len(offering_rows)}")

    def _link(self, model: Any, rows: list[Any], tags: list[tuple[list[int], list[int]]]) -> None:
        if rows and rows[0].pk is None:  # backends without RETURNING on bulk insert
            by_ref = dict(model.objects.values_list("source_ref", "pk"))
            for r in rows:
                r.pk = by_ref[r.source_ref]
        key = model.__name__.lower() + "_id"
        tc, tf = model.clusters.through, model.fields.through
        tc.objects.bulk_create(
            [tc(**{key: r.pk, "cluster_id": c}) for r, (cs, _) in zip(rows, tags, strict=True) for c in cs],
            ignore_conflicts=True,
        )
        tf.objects.bulk_create(
            [tf(**{key: r.pk, "field_id": f}) for r, (_, fs) in zip(rows, tags, strict=True) for f in fs],
            ignore_conflicts=True,
        )

    # -- users ---------------------------------------------------------------------------------
    def users(self) -> None:
        for username, role, party_code, full_name in DEMO_USERS:
            org = None
            party = self.parties.get(party_code) if party_code else None
            if role == Role.MEMBER:
                if party_code == "XJ":
                    org = (
                        Organisation.objects.filter(kind="enterprise", party__code="XJ")
                        .order_by("id")
                        .first()
                    )
                else:
                    org = (
                        Organisation.objects.filter(kind="institute", party__code__startswith=party_code)
                        .order_by("id")
                        .first()
                    )
                party = org.party if org else party
            user = User(
                username=username,
                role=role,
                party=party,
                organisation=org,
                first_name=full_name,
                is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        self.log(f"users: {len(DEMO_USERS)} (password {DEMO_PASSWORD})")

    def apps(self) -> None:
        for app in APP_LOADERS:
            try:
                module = importlib.import_module(f"sifang.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name == f"sifang.{app}.demo":
                    continue
                raise
            module.load(rng=random.Random(f"{SEED}-{app}"), log=self.log)


def load_demo(*, log: Callable[[str], None] = print) -> None:
    """All or nothing: a failure leaves the database empty, so `--if-empty` retries cleanly."""
    loader = DemoLoader(log)
    with transaction.atomic():
        loader.organisations()
        loader.people()
        loader.listings()
        loader.users()
        loader.apps()
