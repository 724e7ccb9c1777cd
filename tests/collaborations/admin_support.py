"""Helpers shared by the admin's test modules: URLs of admin views and json_script data."""

import json
import re

from django.urls import reverse

from tests.factories import MunicipalityFactory, ProvinceFactory


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def listed(response):
    return {str(obj) for obj in response.context["cl"].result_list}


def selected_columns(sql: str) -> str:
    return sql.split(" FROM ", 1)[0]


def embedded_json(response, element_id: str):
    match = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    assert match, f"no json_script element {element_id!r}"
    return json.loads(match.group(1))


def make_municipalities(n):
    """n municipalities spread over three provinces."""
    provinces = [ProvinceFactory(code=code) for code in ("PV25", "PV26", "PV27")]
    return [MunicipalityFactory(province=provinces[i % 3]) for i in range(n)]
