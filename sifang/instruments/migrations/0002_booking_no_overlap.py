"""No two active bookings of one instrument overlap: an exclusion constraint on PostgreSQL.

On SQLite (no exclusion constraints) the booking service serialises the check and the insert in
one write transaction instead; this migration does nothing there, so the same migrations run on
both databases."""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT_SQL = """
ALTER TABLE instruments_booking ADD CONSTRAINT booking_no_overlap
EXCLUDE USING gist (instrument_id WITH =, tstzrange("start", "end", '[)') WITH &&)
WHERE (status IN ('requested', 'approved', 'confirmed'))
"""
DROP_SQL = "ALTER TABLE instruments_booking DROP CONSTRAINT IF EXISTS booking_no_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CONSTRAINT_SQL)


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [("instruments", "0001_initial")]

    operations = [
        BtreeGistExtension(),  # only acts on PostgreSQL
        migrations.RunPython(add_constraint, drop_constraint),
    ]
