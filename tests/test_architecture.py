"""The house rules that no linter checks for us (import-linter checks the layers, ruff the
complexity, Biome the front end): project imports at module level, no E402 escapes, small
modules, every Celery task registered under its explicit name, reads of the HTTP apps through
selectors."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ("collaborations", "atlas_api", "atlas_web", "regioatlas")
MAX_LINES = 400


def python_modules(*bases: str):
    for base in bases:
        for path in sorted((ROOT / base).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_project_imports_are_at_module_level_except_in_task_bodies():
    """HackSoft's rule: tasks import their service inside the task body; nothing else hides
    a project import inside a function (that is how import cycles hide)."""
    found = []
    for path in python_modules(*PROJECT):
        if path.name == "tasks.py":
            continue
        for function in ast.walk(ast.parse(path.read_text())):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                module = getattr(node, "module", None) or ""
                relative = isinstance(node, ast.ImportFrom) and node.level
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [module]
                if relative or any(n.split(".")[0] in PROJECT for n in names if n):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_no_module_level_import_escapes():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in python_modules(*PROJECT, "scripts", "tests")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"noqa:[^#\n]*\bE402\b", line)
    ]
    assert offenders == []


def test_no_module_is_over_400_lines():
    paths = list(python_modules(*PROJECT, "scripts"))
    paths += [p for p in (ROOT / "static").rglob("*.js") if "vendor" not in p.parts]
    long = {
        str(p.relative_to(ROOT)): n
        for p in paths
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def declared_tasks() -> dict[str, str]:
    """{explicit name: module} of every @shared_task in collaborations/*/tasks.py."""
    tasks = {}
    for path in sorted((ROOT / "collaborations").glob("*/tasks.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                if (
                    isinstance(decorator, ast.Call)
                    and getattr(decorator.func, "id", "") == "shared_task"
                ):
                    names = [k.value.value for k in decorator.keywords if k.arg == "name"]
                    assert names, f"{path.relative_to(ROOT)}:{node.lineno} has no explicit name"
                    tasks[names[0]] = str(path.relative_to(ROOT))
    return tasks


def test_every_task_is_registered_under_its_explicit_name():
    from regioatlas.celery import TASK_PACKAGES, app

    app.loader.import_default_modules()
    for package in TASK_PACKAGES:
        __import__(f"{package}.tasks")
    declared = declared_tasks()
    assert declared, "no tasks found"
    assert set(declared) <= set(app.tasks), set(declared) - set(app.tasks)
    assert {f"collaborations.{p.split('.')[1]}" for p in TASK_PACKAGES} == {
        ".".join(m.split("/")[:2]) for m in declared.values()
    }


@pytest.mark.parametrize("app", ["atlas_api", "atlas_web/views"])
def test_http_apps_read_only_through_selectors(app):
    """`grep -rn '\\.objects' atlas_api atlas_web` finds nothing (the admin works on models)."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in python_modules(app)
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if ".objects" in line
    ]
    assert offenders == []


def test_the_production_image_installs_runtime_requirements_only():
    base = (ROOT / "requirements" / "base.txt").read_text().lower()
    for tool in ("pytest", "playwright", "schemathesis", "hypothesis", "factory", "ruff"):
        assert tool not in base, tool
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "requirements/base.txt" in dockerfile
    assert "dev.txt" not in dockerfile


def test_the_domain_never_imports_django_http():
    """import-linter checks DRF (an external package); django.http is a subpackage of one."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in python_modules("collaborations")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.match(r"\s*(from|import) django\.(http|shortcuts)\b", line)
    ]
    assert offenders == []


def test_browser_waits_poll_functions_not_expressions():
    """Playwright re-evaluates a bare expression given to wait_for_function with eval() on
    every poll, which the site's Content-Security-Policy refuses (no 'unsafe-eval'): such a
    wait fails whenever it has to poll (seen in CI). Pass a function: ``"() => ..."``."""
    call = re.compile(r"wait_for_function\(\s*f?(\"\"\"|\"|')\s*(?!\(|function|async|\")", re.S)
    found = [
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in python_modules("tests")
        for text in [path.read_text()]
        for match in call.finditer(text)
    ]
    assert found == []
