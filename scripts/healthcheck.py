"""Container healthchecks (docker-compose.yml); the image has no curl. Standard library only,
so a probe costs a few milliseconds and no Django start-up.

    python scripts/healthcheck.py ready    # web: GET /health/ready answers 200
    python scripts/healthcheck.py worker   # worker: /health/ready reports a fresh heartbeat

The site is at REGIOATLAS_HEALTH_URL (default http://127.0.0.1:8000); the request carries a
Host from DJANGO_ALLOWED_HOSTS, so production host validation accepts it. Exit code 0 is
healthy, 1 is not (docs/operations.md)."""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request

TIMEOUT = float(os.environ.get("REGIOATLAS_HEALTH_TIMEOUT", "8"))


def _host() -> str:
    allowed = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")
    return allowed[0].strip().lstrip(".") or "localhost"


def _ready() -> tuple[int, dict]:
    base = os.environ.get("REGIOATLAS_HEALTH_URL", "http://127.0.0.1:8000").rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise ValueError("REGIOATLAS_HEALTH_URL must be an http(s) URL")
    request = urllib.request.Request(base + "/health/ready", headers={"Host": _host()})  # noqa: S310 - checked above
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:  # 503: the body still says why
        return error.code, json.load(error)


def main(what: str) -> int:
    try:
        status, report = _ready()
    except (OSError, ValueError) as error:
        print(f"unhealthy: {error}")
        return 1
    if what == "worker":
        worker = report.get("checks", {}).get("worker", {})
        healthy = worker.get("status") == "up"
    else:
        healthy = status == 200
    print(f"{'healthy' if healthy else 'unhealthy'}: {report.get('status')}")
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "ready"))
