"""Who may do what is decided in collaborations/permissions.py only: no other module (views,
the API, the admin, templates, services) looks at Django's is_staff or is_superuser flags.

One exception, named here: registration/services/accounts.py writes the is_staff flag (Django's
admin login form still reads it) from the rule ``permissions.uses_admin_site``."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("collaborations", "atlas_api", "atlas_web", "regioatlas", "templates", "static")
FLAGS = re.compile(r"\bis_(staff|superuser)\b")
ALLOWED = {
    "collaborations/permissions.py",  # the rules
    "collaborations/registration/services/accounts.py",  # keeps the flag equal to the rule
}


def _files():
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".html", ".js", ".txt") and "migrations" not in path.parts:
                yield path


def test_no_permission_decision_on_django_flags_outside_permissions():
    found = []
    for path in _files():
        relative = path.relative_to(ROOT).as_posix()
        if relative in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if FLAGS.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == [], "decide in collaborations/permissions.py:\n" + "\n".join(found)


def test_the_flag_writer_only_follows_the_rule():
    source = (ROOT / "collaborations/registration/services/accounts.py").read_text()
    assignments = re.findall(r"user\.is_staff = (\w+)", source)
    assert assignments and set(assignments) == {"staff"}
    assert source.count("staff = permissions.uses_admin_site(user)") == len(assignments)
