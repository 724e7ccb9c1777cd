"""`make fuzz`: the whole API fuzzed by schemathesis, as a moderator, against gunicorn.

1. (Re)creates the fuzz database (FUZZ_DATABASE_URL, default
   postgis://regioatlas:regioatlas@127.0.0.1:5432/regioatlas_fuzz), migrates it and loads the
   real data from REGIOATLAS_DATA_DIR (`manage.py load`, about 20 s). FUZZ_KEEP_DB=1 keeps a
   loaded database from an earlier run.
2. Makes a moderator and a municipal editor, each with an API token.
3. Starts gunicorn (gunicorn.conf.py, the test settings: no throttling, a local-memory cache,
   Celery messages kept in memory) on a free loopback port, and through the API registers an
   arrangement as the editor (it waits for review) and uploads an import as the moderator.
4. Runs `schemathesis run <url>/api/v1/openapi.json --checks all` with every phase (examples,
   coverage, fuzzing, stateful) and the moderator's `Authorization: Token ...`. The config is
   schemathesis.toml (the statuses accepted besides schemathesis's defaults) plus the ids of
   resources that exist (the registration, the import, the BRE run, an arrangement, ...), which
   schemathesis uses for half of the ids it sends. Extra arguments go to schemathesis, e.g.
   `make fuzz ARGS="--max-examples 20 --seed 1"`.
5. Stops gunicorn; the exit status is schemathesis's (0: no failures).

:func:`fuzz` is also what tests/live/test_schemathesis.py runs, smaller and
derandomised, against the test server.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgis://regioatlas:regioatlas@127.0.0.1:5432/regioatlas_fuzz"
ACCOUNTS_SETUP = """
import json
import django
django.setup()
from django.contrib.auth import get_user_model
from collaborations.models import Arrangement, ClusteringRun, Division, Municipality
from collaborations.accounts.services.tokens import api_token_create
from collaborations.registration.services.accounts import user_role_set
users = get_user_model().objects
moderator, _ = users.get_or_create(username="fuzz-moderator", defaults={"email": "m@example.org"})
user_role_set(user=moderator, role="moderator", organisation_label="Fuzz")
editor, _ = users.get_or_create(username="fuzz-editor", defaults={"email": "e@example.org"})
municipalities = Municipality.objects.filter(valid_to__isnull=True, code__startswith="GM").order_by("code")[:2]
user_role_set(user=editor, role="gemeente-redacteur", municipalities=municipalities[:1])
print(json.dumps({
    "moderator": api_token_create(user=moderator).key,
    "editor": api_token_create(user=editor).key,
    "municipalities": [m.code for m in municipalities],
    "arrangement": Arrangement.objects.filter(publication_status="gepubliceerd").order_by("pk")
    .values_list("pk", flat=True).first(),
    "run": ClusteringRun.objects.filter(is_default=True).values_list("pk", flat=True).first(),
    "division": Division.objects.filter(regions__isnull=False).distinct().order_by("slug")
    .values_list("slug", flat=True).first(),
}))
"""
#: (dictionary, operations, parameters): where the ids of existing resources go.
RESOURCE_USES = {
    "registratie": (
        ["registratieOphalen", "registratieGoedkeuren", "registratieAfwijzen"],
        ["registratieAanpassingVragen"],
        ["path.id"],
    ),
    "import": (["importOphalen", "importDoorvoeren"], [], ["path.id"]),
    "analyse": (
        ["breAnalyseOphalen", "breAnalyseAnnuleren", "breClustersZoeken"],
        ["breGemeentenZoeken"],
        ["path.id"],
    ),
    "vergelijking": (["breAnalysesVergelijken"], [], ["query.runA", "query.runB"]),
    "samenwerkingsverband": (
        ["samenwerkingsverbandOphalen", "samenwerkingsverbandGeschiedenis"],
        ["samenwerkingsverbandWijzigen", "samenwerkingsverbandTerugzetten"],
        ["path.id"],
    ),
    "gemeente": (["gemeenteOphalen"], [], ["path.code"]),
    "kaart": (["kaartOphalen", "kaartDelen"], ["kaartWijzigen"], ["path.id"]),
    "deelsleutel": (["gedeeldeKaartOphalen"], [], ["path.sleutel"]),
    "partitie": (
        ["congruentieOphalen", "congruentieGrenzenOphalen"],
        [],
        ["query.a", "query.b"],
    ),
}


def log(message: str) -> None:
    print(f"[fuzz] {message}", flush=True)


def run(command: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603


def database_env(database_url: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    env.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")
    env.setdefault("REGIOATLAS_DATA_DIR", str(ROOT.parent / "shared" / "data"))
    return env


def prepare_database(database_url: str) -> None:
    """Drop and create the fuzz database, migrate and load the real data."""
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    env = database_env(database_url)
    if os.environ.get("FUZZ_KEEP_DB") == "1" and psql(parts, name, EXISTS) == "1":
        log(f"keeping database {name}")
        return
    log(f"database {name}: create, migrate, load")
    psql(parts, name, 'DROP DATABASE IF EXISTS :"name" WITH (FORCE);\nCREATE DATABASE :"name";')
    run([sys.executable, "manage.py", "migrate", "-v", "0"], env)
    run([sys.executable, "manage.py", "load"], env, stdout=subprocess.DEVNULL)


EXISTS = "SELECT 1 FROM pg_database WHERE datname = :'name';"


def psql(parts, name: str, script: str) -> str:
    """Run ``script`` (with the variable ``name``) on the server's postgres database."""
    admin = urlunsplit(("postgresql", parts.netloc, "/postgres", "", ""))
    command = [shutil.which("psql") or "/usr/bin/psql", admin, "-qtA", "-v", f"name={name}"]
    result = subprocess.run(  # noqa: S603 - fixed program, the script comes from this file
        command, input=script, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def accounts(database_url: str) -> dict[str, Any]:
    result = run(
        [sys.executable, "-c", ACCOUNTS_SETUP],
        database_env(database_url),
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def seed(url: str, setup: dict[str, Any]) -> dict[str, list]:
    """Through the API: a registration waiting for review (by the editor) and a checked
    import (by the moderator). The ids of the resources that exist, by dictionary."""
    codes = setup["municipalities"]
    registration = requests.post(
        f"{url}/api/v1/registraties",
        json={
            "naam": "Fuzzsamenwerking",
            "rechtsvormFamilie": "netwerk",
            "themas": ["wonen"],
            "leden": [{"soort": "gemeente", "code": code} for code in codes],
            "reden": "Voor de fuzzer",
            "bevestigWaarschuwingen": True,
        },
        headers={"Authorization": f"Token {setup['editor']}"},
        timeout=60,
    )
    checked(registration)
    upload = requests.post(
        f"{url}/api/v1/imports",
        data={"soort": "samenwerkingsverbanden", "reden": "Voor de fuzzer"},
        files={"bestand": ("fuzz.csv", import_csv(codes), "text/csv")},
        headers={"Authorization": f"Token {setup['moderator']}"},
        timeout=60,
    )
    checked(upload)
    moderator = {"Authorization": f"Token {setup['moderator']}"}
    saved = requests.post(
        f"{url}/api/v1/kaarten",
        json={"naam": "Fuzzkaart", "toestand": "lagen=gebieden&thema=jeugd"},
        headers=moderator,
        timeout=60,
    )
    checked(saved)
    shared = requests.post(
        f"{url}/api/v1/kaarten/{saved.json()['id']}/deellink", headers=moderator, timeout=60
    )
    checked(shared)
    return {
        "kaart": [saved.json()["id"]],
        "deelsleutel": [shared.json()["deellink"].rstrip("/").rsplit("/", 1)[-1]],
        "registratie": [registration.json()["registratie"]["id"]],
        "import": [upload.json()["id"]],
        "analyse": [setup["run"]],
        "vergelijking": [setup["run"]],
        "samenwerkingsverband": [setup["arrangement"]],
        "gemeente": codes,
        "partitie": [
            p for p in ("provincies", "bre:standaard", setup.get("division")) if p is not None
        ],
    }


def checked(response: requests.Response) -> None:
    """Stop with the problem details the API gave, not just the status."""
    if not response.ok:
        raise SystemExit(
            f"[fuzz] seeding: {response.status_code} {response.url}: {response.text[:1000]}"
        )


def import_csv(codes: list[str]) -> bytes:
    """An import file of one new arrangement (the template of docs/registration.md)."""
    header = (
        "id;versie;naam;korte_naam;rechtsvormfamilie;rechtsvorm;verplicht;themas;omschrijving;"
        "website;cbs_gr_code;kvk_nummer;startdatum;einddatum;levensfase;leden;partners"
    )
    row = f";;Fuzzregio;;netwerk;convenant;nee;wonen;;;;;2020-01-01;;;{', '.join(codes)};"
    return f"{header}\n{row}\n".encode()


def config(resources: dict[str, list]) -> str:
    """schemathesis.toml, and where the ids of existing resources are used (half the time)."""
    text = (ROOT / "schemathesis.toml").read_text()
    for name, values in resources.items():
        if not values or values[0] is None:
            continue
        first, second, parameters = RESOURCE_USES[name]
        text += f"\n[dictionaries.{name}]\nvalues = {json.dumps(values)}\n"
        for operations in (first, second):
            if operations:
                bindings = ", ".join(
                    f'"{p}" = {{ dictionary = "{name}", probability = 0.5 }}' for p in parameters
                )
                text += f"\n[[operations]]\ninclude-operation-id = {json.dumps(operations)}\n"
                text += f"parameters = {{ {bindings} }}\n"
    return text


def fuzz(
    url: str, token: str, resources: dict[str, list], arguments: list[str], **run_options
) -> subprocess.CompletedProcess:
    """``schemathesis run`` with every check and phase, as the owner of ``token``."""
    (ROOT / "var").mkdir(exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".toml", dir=ROOT / "var") as handle:
        handle.write(config(resources))
        handle.flush()
        command = [str(Path(sys.executable).parent / "schemathesis")]
        command += ["--config-file", handle.name, "run", f"{url}/api/v1/openapi.json"]
        command += ["--checks", "all", "--phases", "examples,coverage,fuzzing,stateful"]
        command += ["--header", f"Authorization: Token {token}", *arguments]
        return subprocess.run(command, cwd=ROOT, check=False, **run_options)  # noqa: S603


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(database_url: str, port: int, log_file: Path) -> subprocess.Popen:
    env = {
        **database_env(database_url),
        "DJANGO_SETTINGS_MODULE": "regioatlas.settings.test",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CELERY_BROKER_URL": "memory://",
        "CELERY_RESULT_BACKEND": "cache+memory://",
    }
    command = [sys.executable, "-m", "gunicorn", "regioatlas.wsgi:application"]
    command += ["--config", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", os.environ.get("FUZZ_WORKERS", "2"), "--threads", "4"]
    with log_file.open("wb") as handle:
        server = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {log_file}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not start; see {log_file}")


def main(arguments: list[str]) -> int:
    database_url = os.environ.get("FUZZ_DATABASE_URL", DEFAULT_DATABASE)
    prepare_database(database_url)
    setup = accounts(database_url)
    port = free_port()
    log_file = ROOT / "var" / "log" / "fuzz-gunicorn.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    server = start_gunicorn(database_url, port, log_file)
    url = f"http://127.0.0.1:{port}"
    try:
        resources = seed(url, setup)
        log(f"gunicorn on port {port} (log: {log_file}); resources {resources}")
        return fuzz(url, setup["moderator"], resources, arguments).returncode
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
