"""Reads that look things up (issue 15 part 1): median server time of the reads that used to
work out the lineage on every request, before and after the memberships in force, side by side
in one run on the same database.

"Before" is the code of ``--baseline`` (default: the merge base with ``main``), exported from
git into a temporary folder; "after" is this tree. Each runs in its own process with Django's
test client (no network, no gzip; the server's own time), the two alternate ``--batches``
times and the medians over all samples are compared. The database is the one of
DATABASE_URL with the real data loaded (`manage.py load`) and this tree's migrations (the old
code ignores the new table). Caches are cleared before every request (the counts of the
municipality list are cached per data version; the cold figure is the one that matters when
data changes). Target: <= 10 ms each after (issue 15).

    .venv/bin/python bench/bench_reads.py [--rounds 15] [--batches 3] [--baseline main]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

URLS = {
    "municipality detail": "/api/v1/gemeenten/GM0363?geometrie=false",
    "municipality detail (2 others)": "/api/v1/gemeenten/GM0344?geometrie=false",
    "municipality detail, geometry": "/api/v1/gemeenten/GM0363",
    "detail, profile rebuilt": "/api/v1/gemeenten/GM0363?geometrie=false",
    "arrangement list page": "/api/v1/samenwerkingsverbanden?paginaGrootte=50",
    "list, gemeente filter": "/api/v1/samenwerkingsverbanden?gemeente=GM0599&paginaGrootte=50",
    "list, provincie + peildatum": (
        "/api/v1/samenwerkingsverbanden?provincie=PV27&peildatum=2020-06-01&paginaGrootte=50"
    ),
    "municipality list (counts)": "/api/v1/gemeenten?geometrie=false&paginaGrootte=50",
    "what is here?": "/api/v1/locaties/samenwerkingsverbanden?lon=4.9&lat=52.37",
}
#: Reads timed with the stored municipality profiles deleted before every request (the first
#: read after a data change, which builds and stores the profile; no effect on the baseline).
REBUILT = {"detail, profile rebuilt"}


def _forget_profiles() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('collaborations_municipalitydocument') IS NOT NULL")
        if cursor.fetchone()[0]:
            cursor.execute("DELETE FROM collaborations_municipalitydocument")


def child(rounds: int, freeze: bool) -> None:
    """Time every URL ``rounds`` times in this process; print {name: [[wall, cpu]...]} (seconds)
    as JSON: the wall time of the request and the CPU time this process spent on it (the
    Python part; on a busy machine the wall time also counts waiting for a core)."""
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    # the view's own work on every request (the response cache of issue 15 part 2 would skip
    # it; bench_load.py measures that)
    settings.REGIOATLAS_RESPONSE_CACHE = False
    settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
        "anon": "1000000/min",
        "user": "1000000/min",
    }
    client = Client()
    if freeze:  # as gunicorn.conf.py's post_worker_init does once the application is loaded
        gc.collect()
        gc.freeze()
    samples: dict[str, list[float]] = {}
    for name, url in URLS.items():
        assert client.get(url).status_code == 200, url  # warm: connections, imports
        times = []
        for _ in range(rounds):
            for alias in settings.CACHES:
                caches[alias].clear()
            if name in REBUILT:
                _forget_profiles()
            start, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start, time.process_time() - cpu))
            assert response.status_code == 200, (url, response.status_code)
        samples[name] = times
    print(json.dumps(samples))


def export(ref: str, target: Path) -> None:
    archive = subprocess.run(  # noqa: S603 - fixed arguments
        ["git", "-C", str(ROOT), "archive", ref],  # noqa: S607
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")


def run(tree: Path, rounds: int, freeze: bool) -> dict[str, list[list[float]]]:
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [
            sys.executable,
            str(ROOT / "bench" / "bench_reads.py"),
            "--child",
            "--rounds",
            str(rounds),
            *([] if freeze else ["--no-gc-freeze"]),
        ],
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--baseline", default=None, help="git ref of 'before' (merge base)")
    parser.add_argument(
        "--no-gc-freeze",
        action="store_true",
        help="leave the application's objects in the garbage collector (gunicorn before "
        "post_worker_init froze them)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.rounds, not args.no_gc_freeze)
        return
    ref = (
        args.baseline
        or subprocess.run(  # noqa: S603
            ["git", "-C", str(ROOT), "merge-base", "HEAD", "main"],  # noqa: S607
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    before: dict[str, list[list[float]]] = {}
    after: dict[str, list[list[float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder)
        export(ref, old)
        for _ in range(args.batches):
            for samples, tree in ((before, old), (after, ROOT)):
                for name, times in run(tree, args.rounds, not args.no_gc_freeze).items():
                    samples.setdefault(name, []).extend(times)
    freeze = "off" if args.no_gc_freeze else "on"
    load = " ".join(f"{v:.1f}" for v in os.getloadavg())
    print(
        f"before: {ref[:12]}  after: working tree  ({args.batches} x {args.rounds} requests,"
        f" gc.freeze {freeze}, load average {load})"
    )
    print(
        f"{'read':34s} {'before ms':>10s} {'after ms':>9s} {'after/before':>13s}  target"
        f"      {'cpu before':>10s} {'cpu after':>9s}"
    )
    for name in URLS:
        b, a = (statistics.median(t[0] for t in s[name]) * 1000 for s in (before, after))
        cb, ca = (statistics.median(t[1] for t in s[name]) * 1000 for s in (before, after))
        verdict = "ok" if a <= 10 else "MISSED"
        print(
            f"{name:34s} {b:10.1f} {a:9.1f} {a / b:13.2f}  <= 10 ms {verdict:6s}"
            f" {cb:10.1f} {ca:9.1f}"
        )


if __name__ == "__main__":
    main()
