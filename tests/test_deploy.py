"""Production settings pass Django's deployment checks, and need their secrets from the
environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _base_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "regioatlas.settings.production"
    return env


def test_check_deploy_is_clean():
    env = _base_env()
    env["DJANGO_SECRET_KEY"] = "x" * 20 + "a-long-random-production-like-key-for-the-check-only"
    env["DJANGO_ALLOWED_HOSTS"] = "regioatlas.example.nl"
    result = _check(env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = _base_env()
    env["DJANGO_ALLOWED_HOSTS"] = "regioatlas.example.nl"
    result = _check(env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
