"""Load the default parties and taxonomy from taxonomy.json. Re-runnable: existing rows are kept."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "taxonomy.json"


def load(apps, schema_editor):
    Party = apps.get_model("taxonomy", "Party")
    ClusterScheme = apps.get_model("taxonomy", "ClusterScheme")
    Cluster = apps.get_model("taxonomy", "Cluster")
    Field = apps.get_model("taxonomy", "Field")
    Region = apps.get_model("taxonomy", "Region")
    AidPairing = apps.get_model("taxonomy", "AidPairing")
    Programme = apps.get_model("taxonomy", "Programme")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for order, p in enumerate(data["parties"], start=1):
        party, _ = Party.objects.get_or_create(
            code=p["code"], defaults={"name": p["name"], "name_en": p["name_en"], "short_name": p["short"], "order": order}
        )
        for u_order, u in enumerate(p["units"], start=1):
            Party.objects.get_or_create(
                code=u["code"],
                defaults={"name": u["name"], "name_en": u["name_en"], "parent": party, "order": order * 10 + u_order},
            )
    for s in data["cluster_schemes"]:
        scheme, _ = ClusterScheme.objects.get_or_create(
            code=s["code"],
            defaults={"name": s["name"], "name_en": s["name_en"], "valid_from": s["valid_from"], "valid_to": s["valid_to"]},
        )
        for c in s["clusters"]:
            Cluster.objects.get_or_create(
                scheme=scheme,
                name=c["name"],
                defaults={"name_en": c.get("name_en", ""), "confirmed": c.get("confirmed", True), "valid_from": c.get("valid_from")},
            )
    for s in data["cluster_schemes"]:
        for c in s["clusters"]:
            if c.get("maps_to"):
                old = Cluster.objects.get(scheme__code=s["code"], name=c["name"])
                for target in c["maps_to"]:
                    old.maps_to.add(Cluster.objects.get(scheme__code="xj10", name=target))
    for f in data["fields"]:
        Field.objects.get_or_create(name=f["name"], defaults={"name_en": f["name_en"]})
    for r in data["regions"]:
        Region.objects.get_or_create(name=r["name"], defaults={"kind": r["kind"]})
    for a in data["aid_pairings"]:
        AidPairing.objects.get_or_create(
            supporter=Region.objects.get(name=a["supporter"]), supported=Region.objects.get(name=a["supported"])
        )
    for name in data["programmes"]:
        Programme.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
