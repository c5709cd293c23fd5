"""Many people try to book the same slot at once through a real server: exactly one wins.

Starts gunicorn (4 processes × 4 threads) on the test database itself — a file for SQLite
(settings give the test database a name on disk), the ``test_…`` database on PostgreSQL — and
fires concurrent overlapping POSTs at ``/api/v1/instruments/{id}/bookings`` over loopback."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from sifang.accounts.services import token_create
from sifang.core.testing import UserFactory
from sifang.instruments.models import Booking

from .factories import InstrumentFactory, next_weekday

REQUESTS = 60
BASE_DIR = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    sd = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(sd["NAME"])
        assert name and ":memory:" not in name and "mode=memory" not in name, (
            "the SQLite test database must be a file so that the server can share it"
        )
        return "sqlite:///" + str(Path(name).resolve())
    if connection.vendor == "postgresql":
        user = urllib.parse.quote(sd.get("USER") or "")
        password = urllib.parse.quote(sd.get("PASSWORD") or "")
        cred = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = sd.get("HOST") or "127.0.0.1"
        port = sd.get("PORT") or "5432"
        return f"postgres://{cred}{host}:{port}/{sd['NAME']}"
    pytest.fail(f"unsupported database {connection.vendor}")


def _request(url: str, token: str, body: bytes | None = None) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    req.add_header("Authorization", f"Bearer {token}")
    req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            return exc.code, json.loads(raw or b"{}")
        except ValueError:
            return exc.code, {"raw": raw[:300].decode("utf-8", "replace")}


def _wait_ready(url: str, token: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
            pytest.fail(f"server exited early ({proc.returncode}): {out[-2000:]}")
        try:
            status, _ = _request(url, token)
            if status == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.2)
    pytest.fail("server did not become ready")


def _stop(proc: subprocess.Popen) -> None:
    """Stop gunicorn gracefully, then make sure its whole process group is gone."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    with contextlib.suppress(ProcessLookupError):  # workers left behind by a master that did not reap them
        os.killpg(proc.pid, signal.SIGKILL)


@pytest.mark.live
@pytest.mark.django_db(transaction=True)
def test_concurrent_overlapping_bookings_through_a_real_server(org_cas):
    instrument = InstrumentFactory(platform__host=org_cas, min_slot_minutes=30, max_slot_minutes=240)
    users = [UserFactory(role="viewer") for _ in range(12)]
    tokens = [token_create(None, user=u)[1] for u in users]
    day = next_weekday(3)
    # Overlapping ranges of the same morning: all hold 10:30–11:00, so each clashes with every other.
    ranges = [("10:00", "11:00"), ("10:30", "11:30"), ("10:00", "12:00"), ("09:30", "11:00")]

    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "0",
        "SECRET_KEY": "live-test-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "HUEY_IMMEDIATE": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(BASE_DIR),
    }
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--workers",
        "4",
        "--threads",
        "4",
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
    ]
    # Its own process group, so that no worker outlives the test holding a connection to the test
    # database (which could then not be dropped at the end of the run).
    proc = subprocess.Popen(
        cmd, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        base = f"http://127.0.0.1:{port}/api/v1/instruments"
        _wait_ready(base, tokens[0], proc)
        barrier = threading.Barrier(REQUESTS)

        def fire(i: int) -> tuple[int, dict]:
            start, end = ranges[i % len(ranges)]
            body = json.dumps(
                {
                    "start": f"{day.isoformat()}T{start}:00+08:00",
                    "end": f"{day.isoformat()}T{end}:00+08:00",
                    "purpose": f"run {i}",
                }
            ).encode()
            barrier.wait(timeout=60)
            return _request(f"{base}/{instrument.pk}/bookings", tokens[i % len(tokens)], body)

        with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
            results = list(pool.map(fire, range(REQUESTS)))
    finally:
        _stop(proc)

    statuses = [s for s, _ in results]
    assert statuses.count(201) == 1, [(s, b) for s, b in results if s not in (201, 409)][:5]
    assert statuses.count(409) == REQUESTS - 1, [(s, b) for s, b in results if s != 409][:5]
    for status, body in results:
        if status == 409:
            assert (
                body["conflict"]["start"] and body["conflict"]["end"] and isinstance(body["next_free"], list)
            )
    assert Booking.objects.filter(instrument=instrument).count() == 1
