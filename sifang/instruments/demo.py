"""Demo platforms, shared instruments and a month of bookings: past ones completed with usage
and fees (so statements and sharing metrics have figures), future ones confirmed or awaiting
approval. Deterministic for a given ``rng``; goes through the services, so every rule holds."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sifang.accounts.models import Role, User
from sifang.core.errors import Conflict
from sifang.organisations.models import Organisation
from sifang.taxonomy.models import Cluster, Party

from . import services
from .models import Booking, Instrument, Platform
from .permissions import booking_refusal

SH = ZoneInfo("Asia/Shanghai")

PLATFORMS = [
    # name, kind, host kind + party prefix, partners, services
    (
        "新疆特色资源分析测试联合实验室",
        Platform.Kind.JOINT_LAB,
        ("institute", "CAS"),
        ["XJ", "CAS"],
        "成分分析、结构表征、检测报告出具；面向四方成员单位开放共享。",
    ),
    (
        "丝路干旱区生态野外观测站",
        Platform.Kind.FIELD_STATION,
        ("institute", "CAS"),
        ["CAS", "XJ", "XJ-BT"],
        "荒漠生态长期定位观测、样地共享、野外实验支撑。",
    ),
    (
        "喀什—深圳新材料中试基地",
        Platform.Kind.PILOT_BASE,
        ("enterprise", "SZ"),
        ["SZ", "XJ"],
        "新材料小试、中试放大，工艺验证与样品试制。",
    ),
    (
        "兵团棉花智能装备工程技术研究中心",
        Platform.Kind.ENGINEERING_CENTRE,
        ("enterprise", "XJ-BT"),
        ["XJ-BT", "MOST"],
        "采棉机关键部件检测、田间试验、装备可靠性评价。",
    ),
    (
        "乌昌石新能源协同创新园",
        Platform.Kind.PARK,
        ("enterprise", "XJ"),
        ["XJ", "SZ", "MOST"],
        "光储充一体化测试场、企业孵化、公共技术服务。",
    ),
]

INSTRUMENTS = [
    # platform index, name, category, model, fees (own, mechanism, external), approval, training, audience
    (0, "场发射扫描电子显微镜", "imaging", "SU8020", (150, 300, 500), True, True, "anyone"),
    (0, "电感耦合等离子体质谱仪", "spectroscopy", "iCAP RQ", (120, 240, 400), False, False, "anyone"),
    (0, "X射线衍射仪", "analytical", "D8 ADVANCE", (100, 200, 350), False, False, "mechanism"),
    (1, "涡度相关通量观测系统", "field", "EC150", (0, 50, 120), True, False, "mechanism"),
    (1, "土壤呼吸测量系统", "field", "LI-8100A", (0, 40, 100), False, False, "anyone"),
    (2, "磁控溅射镀膜中试线", "pilot_line", "MSP-600", (300, 600, 900), True, True, "anyone"),
    (2, "高低温交变湿热试验箱", "testing", "GDJS-100", (60, 120, 200), False, False, "anyone"),
    (3, "采棉机部件疲劳试验台", "testing", "PL-200", (200, 400, 600), True, False, "mechanism"),
    (3, "三维激光扫描仪", "imaging", "FARO Focus", (80, 160, 260), False, False, "anyone"),
    (4, "光伏组件IV特性测试仪", "testing", "PVA-1500", (50, 100, 180), False, False, "anyone"),
    (4, "储能电池充放电测试系统", "testing", "BTS-4000", (80, 150, 260), False, True, "anyone"),
    (4, "高性能计算集群（共享节点）", "computing", "HPC-XJ", (20, 40, 80), False, False, "anyone"),
]

PURPOSES = [
    "样品形貌表征",
    "元素含量测定",
    "物相分析",
    "课题组测试",
    "企业委托检测",
    "中试工艺验证",
    "野外观测数据采集",
    "",
]


def _host(kind: str, party_code: str) -> Organisation | None:
    """The first organisation of the party (its units included) of that kind, else of any kind."""
    qs = Organisation.objects.filter(party__code=party_code).order_by("id")
    if not qs.exists():
        qs = Organisation.objects.filter(party__code__startswith=party_code.split("-")[0]).order_by("id")
    return qs.filter(kind=kind).first() or qs.first() or Organisation.objects.order_by("id").first()


@transaction.atomic
def load(*, rng: random.Random, log: Callable[[str], None]) -> None:
    if Platform.objects.exists():
        log("instruments: demo platforms exist already, skipped")
        return
    office = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("id").first()
    if office is None or not Organisation.objects.exists():
        log("instruments: no office user or organisations, nothing loaded")
        return
    parties = {p.code: p for p in Party.objects.all()}
    clusters = list(Cluster.objects.order_by("id"))
    users = list(User.objects.filter(is_active=True).select_related("party", "organisation").order_by("id"))
    platforms: list[Platform] = []
    for name, kind, (host_kind, host_party), partners, offered in PLATFORMS:
        host = _host(host_kind, host_party)
        assert host is not None
        platforms.append(
            services.platform_create(
                office,
                host=host,
                name=name,
                kind=kind,
                partners=[parties[c] for c in partners if c in parties],
                clusters=rng.sample(clusters, k=min(2, len(clusters))),
                services=offered,
                address=host.address or "",
                contact_name="平台办公室",
                contact_phone="0991-1234567",
                description=f"{name}由{host.name}牵头，四方共建共享。",
            )
        )
    instruments: list[Instrument] = []
    for idx, name, category, model, (own, mech, ext), approval, training, audience in INSTRUMENTS:
        platform = platforms[idx]
        staff = [u for u in users if u.organisation_id == platform.host_id] or [office]
        inst = services.instrument_create(
            office,
            platform=platform,
            name=name,
            category=category,
            model_number=model,
            location=f"{rng.randint(1, 5)}号楼{rng.randint(101, 420)}",
            specification=f"{model}，详细技术指标见平台网站。",
            fee_own=Decimal(own),
            fee_mechanism=Decimal(mech),
            fee_external=Decimal(ext),
            requires_approval=approval,
            requires_training=training,
            audience=audience,
            opening_hours={
                d: [["09:00", "12:00"], ["13:30", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")
            }
            | ({"sat": [["09:00", "13:00"]]} if idx == 4 else {}),
            holidays=["2026-01-01", "2026-05-01", "2026-10-01", "2026-10-02", "2026-10-03", "2027-01-01"],
            min_slot_minutes=30,
            max_slot_minutes=240,
            lead_time_minutes=60,
            horizon_days=60,
            responsible=staff,
        )
        instruments.append(inst)
    instruments.append(
        services.instrument_create(
            office,
            platform=platforms[0],
            name="旧型号透射电镜（已报废）",
            category="imaging",
            status="retired",
        )
    )
    for inst in instruments:
        if inst.requires_training:
            for u in users:
                if rng.random() < 0.7:
                    services.training_grant(office, instrument=inst, user=u, note="完成上机培训")
    bookable = [i for i in instruments if i.status == Instrument.Status.AVAILABLE]
    today = timezone.localdate()
    made = completed = 0
    for offset in range(-28, 15):
        day = today + dt.timedelta(days=offset)
        for inst in bookable:
            if not inst.windows_for(day) or rng.random() < 0.45:
                continue
            for _n in range(rng.randint(1, 2)):
                user = rng.choice(users)
                windows = inst.windows_for(day)
                opens, closes = rng.choice(windows)
                start_local = dt.datetime.combine(day, opens, tzinfo=SH) + dt.timedelta(
                    minutes=30 * rng.randint(0, 3)
                )
                end_local = start_local + dt.timedelta(minutes=30 * rng.randint(2, 5))
                if end_local.time() > closes:
                    continue
                if booking_refusal(user, inst, on=day) is not None:
                    continue
                try:
                    b = services.booking_create(
                        user,
                        instrument=inst,
                        start=start_local,
                        end=end_local,
                        purpose=rng.choice(PURPOSES),
                        now=start_local - dt.timedelta(days=2),
                    )
                except (Conflict, ValidationError, PermissionDenied):  # demo: skip slots a rule refuses
                    continue
                made += 1
                if start_local >= timezone.now():
                    continue
                # The past: decide, check in and record usage (a few no-shows and cancellations).
                if b.status == Booking.Status.REQUESTED:
                    services.booking_decide(
                        office, booking=b, approve=True, note="同意", now=start_local - dt.timedelta(days=1)
                    )
                    b.refresh_from_db()
                roll = rng.random()
                if roll < 0.08:
                    services.booking_cancel(user, booking=b, reason="课题安排调整")
                elif roll < 0.15:
                    services.booking_release_no_shows(
                        now=start_local + dt.timedelta(minutes=inst.checkin_grace_minutes + 1)
                    )
                else:
                    services.booking_check_in(
                        user, booking=b, now=start_local + dt.timedelta(minutes=rng.randint(0, 10))
                    )
                    hours = None if rng.random() < 0.7 else b.duration_hours - Decimal("0.5")
                    services.booking_complete(office, booking=b, hours_used=hours, now=end_local)
                    completed += 1
    log(
        f"instruments: {len(platforms)} platforms, {len(instruments)} instruments, {made} bookings ({completed} completed)"
    )
