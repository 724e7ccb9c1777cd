"""BRE analyses (bestuurlijk regionale ecosystemen; docs/bre.md): start a clustering run,
follow it, cancel it, and read its clusters (with their area) and municipalities, or compare
two runs.

Reads follow the ReadView pattern (JSON, GeoJSON, CSV, ...). Their ETag is made from the
run's state (status and last change) and the data version, so a client polling a running
analysis never gets a stale 304; unfinished runs are served with ``Cache-Control: no-cache``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.postgres.aggregates import ArrayAgg
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle

from collaborations import permissions
from collaborations.clustering.choices import RunStatus
from collaborations.clustering.selectors.runs import (
    cluster_list,
    clustered_municipalities,
    clustering_run_get,
    clustering_run_list,
    clustering_runs_compare,
    clustering_runs_get,
    clustering_runs_last_change,
)
from collaborations.clustering.services.runs import (
    RunFinishedError,
    clustering_run_cancel,
    clustering_run_create,
)

from .. import docs_bre
from ..collection import Collection, Item
from ..conditional import CACHE_CONTROL, NO_CACHE, current_version, read_etag
from ..exceptions import Conflict, Unprocessable
from ..pagination import page_of
from ..params import BOOLEAN, GEOMETRY, PAGE, InvalidParams, Param, page_parameters, path_id
from ..renderers import ApiJSONRenderer
from .api import ApiView
from .base import ReadView, geometry_expression, presimplified_expression

if TYPE_CHECKING:
    from collaborations.clustering.models import ClusteringRun

RUN_COLUMNS = [
    "id", "status", "voortgang", "standaard", "aangemaaktOp", "klaarOp", "aantalClusters",
    "modulariteit", "weging", "resolutie",
]  # fmt: skip
CLUSTER_COLUMNS = [
    "nummer", "label", "aantalGemeenten", "aantalSamenwerkingsverbanden",
    "territorialeCongruentieGewicht", "territorialeCongruentieVerbanden",
    "lidmaatschapsCongruentie", "gemiddeldAantalThemas", "aandeelMeerdereThemas",
    "gemiddeldAantalGemeentelijkeLeden", "provinciegrensoverschrijdend",
    "aandeelProvinciegrensoverschrijdend", "aaneengesloten", "delen", "eilanden", "losliggend",
    "stabiliteitGemiddeld", "stabiliteitMinimum", "centrum", "centrumNaam", "gemeenten",
]  # fmt: skip
MUNICIPALITY_COLUMNS = ["code", "naam", "provincie", "cluster", "clusterLabel", "stabiliteit"]
RUN_ID = path_id("Nummer van de BRE-analyse.")
DEFAULT_ONLY = Param(
    "standaard",
    BOOLEAN,
    "`true`: alleen de standaardanalyse (na het laden van de gegevens berekend).",
    keyword="default",
)


def run_number(name: str, description: str) -> Param:
    schema = {"type": "integer", "format": "int64", "minimum": 1, "maximum": 2**63 - 1}
    return Param(name, schema, description, required=True)


COMPARED = (run_number("runA", "Analyse A."), run_number("runB", "Analyse B."))


class BreRunThrottle(UserRateThrottle):
    """Starting analyses costs computing time: at most 30 an hour per user (the rate
    ``bre-analyses`` in DEFAULT_THROTTLE_RATES, from REGIOATLAS_THROTTLE_BRE)."""

    scope = "bre-analyses"


def _links(request: Request, run: ClusteringRun) -> dict[str, str]:
    def url(name: str) -> str:
        return request.build_absolute_uri(reverse(f"api:{name}", args=[run.pk]))

    return {
        "self": url("bre-analyse"),
        "clusters": url("bre-analyse-clusters"),
        "gemeenten": url("bre-analyse-gemeenten"),
        "annuleren": url("bre-analyse-annuleren"),
    }


def run_out(request: Request, run: ClusteringRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "status": docs_bre.STATUSES[run.status],
        "voortgang": run.progress,
        "standaard": run.is_default,
        "parameters": docs_bre.parameters_to_api(run.parameters),
        "aangemaaktOp": run.created_at,
        "gestartOp": run.started_at,
        "klaarOp": run.finished_at,
        "laatsteHartslag": run.heartbeat_at,
        "doorSysteem": run.created_by_id is None,
        "rekentijden": run.timings or {},
        "fout": run.error or None,
        "maten": run.measures or {},
        "_links": _links(request, run),
    }


def _run_row(run: ClusteringRun) -> dict[str, Any]:
    parameters = docs_bre.parameters_to_api(run.parameters)
    measures = run.measures or {}
    return {
        "id": run.pk,
        "status": docs_bre.STATUSES[run.status],
        "voortgang": run.progress,
        "standaard": run.is_default,
        "aangemaaktOp": run.created_at,
        "klaarOp": run.finished_at,
        "aantalClusters": measures.get("aantalClusters"),
        "modulariteit": measures.get("modulariteit"),
        "weging": parameters.get("weging"),
        "resolutie": parameters.get("resolutie"),
        "parameters": parameters,
    }


class _StatefulReadView(ReadView):
    """A ReadView whose validators come from ``state(request)``: (tag, last change, finished)."""

    def state(self, request: Request, **kwargs) -> tuple[str, Any, bool]:  # pragma: no cover
        raise NotImplementedError

    def validators(self, request: Request, **kwargs) -> tuple[str, Any, str]:
        tag, changed_at, finished = self.state(request, **kwargs)
        version, _ = current_version()
        etag = read_etag(request._request, f"{version}|{tag}")
        return etag, changed_at, CACHE_CONTROL if finished else NO_CACHE


class _RunReadView(_StatefulReadView):
    """Reads of one run; ``self.run`` is looked up once (404 when unknown)."""

    needs_results = False
    parameters = (RUN_ID, *GEOMETRY)

    def state(self, request: Request, **kwargs) -> tuple[str, Any, bool]:
        self.run = clustering_run_get(pk=kwargs["id"])
        if self.run is None:
            raise Http404
        if self.needs_results and self.run.status != RunStatus.SUCCEEDED:
            status = docs_bre.STATUSES[self.run.status]
            raise Conflict(f"Analyse {self.run.pk} heeft geen resultaten (status {status}).")
        tag = f"run{self.run.pk}:{self.run.status}:{self.run.updated_at.timestamp()}"
        return tag, self.run.updated_at, self.run.is_finished


class BreRunListView(_StatefulReadView):
    """GET: the analyses (newest first); POST: start one."""

    has_geometry = False
    download_name = "bre-analyses"
    parameters = {"GET": (DEFAULT_ONLY, *PAGE)}

    def get_renderers(self):
        if getattr(getattr(self, "request", None), "method", None) == "POST":
            return [ApiJSONRenderer()]
        return super().get_renderers()

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsAuthenticated()]
        return [AllowAny()]

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.request.method == "POST":
            throttles.append(BreRunThrottle())
        return throttles

    def state(self, request: Request, **kwargs) -> tuple[str, Any, bool]:
        latest = clustering_runs_last_change()
        return f"runs:{latest.timestamp() if latest else 0}", latest, False

    @extend_schema(**docs_bre.RUN_LIST)
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection:
        queryset = clustering_run_list()
        if "default" in self.params:
            queryset = queryset.filter(is_default=self.params["default"])
        page, rows = page_of(request, queryset, self.params)
        return Collection(
            name="bre-analyses",
            rows=[_run_row(run) for run in rows],
            **page.collection_fields(),
            columns=RUN_COLUMNS,
        )

    @extend_schema(**docs_bre.RUN_START)
    def post(self, request: Request, *args, **kwargs) -> Response:
        """Names the API does not know are a 400; what the domain refuses (a resolution out of
        range, a theme that does not exist) a 422."""
        if not isinstance(request.data, dict):
            raise InvalidParams([{"name": "parameters", "reason": "verwacht een JSON-object"}])
        parameters, problems = docs_bre.parameters_to_domain(request.data)
        if problems:
            raise InvalidParams([{"name": k, "reason": v} for k, v in problems.items()])
        try:
            run = clustering_run_create(parameters=parameters, by=request.user)
        except ValidationError as exc:
            raise Unprocessable(
                {docs_bre.api_name(name): messages for name, messages in exc.message_dict.items()}
            ) from exc
        body = run_out(request, run)
        return Response(body, status=202, headers={"Location": body["_links"]["self"]})


class BreRunDetailView(_RunReadView):
    has_geometry = False
    parameters = (RUN_ID,)

    @extend_schema(**docs_bre.RUN_DETAIL)
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_renderers(self):
        return [ApiJSONRenderer()]

    def build(self, request: Request, id: int) -> Item:
        return Item(name="bre-analyse", row=run_out(request, self.run))


class BreRunCancelView(ApiView):
    permission_classes = [IsAuthenticated]
    renderer_classes = [ApiJSONRenderer]
    parameters = (RUN_ID,)

    @extend_schema(**docs_bre.RUN_CANCEL)
    def post(self, request: Request, id: int) -> Response:
        run = clustering_run_get(pk=id)
        if run is None:
            raise Http404
        if not permissions.can_cancel_clustering_run(request.user, run):
            raise PermissionDenied("Alleen wie de analyse startte of een beheerder mag annuleren.")
        try:
            run = clustering_run_cancel(run=run)
        except RunFinishedError:
            run.refresh_from_db(fields=["status"])
            status = docs_bre.STATUSES[run.status]
            raise Conflict(f"Analyse {id} is al afgelopen (status {status}).") from None
        return Response(run_out(request, run))


def _cluster_row(cluster: Any) -> dict[str, Any]:
    measures = dict(cluster.measures or {})
    centre = measures.pop("centrum", None) or {}
    row = {
        "nummer": cluster.number,
        "label": cluster.label,
        "aantalGemeenten": cluster.municipality_count,
        "gemeenten": sorted(cluster.members or []),
        **measures,
        "centrum": centre.get("code"),
        "centrumNaam": centre.get("naam"),
    }
    row.setdefault("besteOvereenkomst", None)
    return row


class BreClusterListView(_RunReadView):
    needs_results = True
    download_name = "bre-clusters"

    @extend_schema(**docs_bre.CLUSTERS)
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request, id: int) -> Collection:
        options = self.geometry_options(request)
        queryset = cluster_list(run=self.run).defer("geom")
        queryset = queryset.annotate(members=ArrayAgg("assignments__municipality__code"))
        if options.include:
            queryset = queryset.annotate(_geometry=geometry_expression("geom", options))
        clusters = list(queryset)
        return Collection(
            name="clusters",
            rows=[_cluster_row(c) for c in clusters],
            geometries=[c._geometry for c in clusters] if options.include else None,
            id_field="nummer",
            total=len(clusters),
            crs=self.crs_label(options),
            columns=CLUSTER_COLUMNS,
        )


class BreMunicipalityListView(_RunReadView):
    needs_results = True
    download_name = "bre-gemeenten"
    parameters = (RUN_ID, *GEOMETRY, *page_parameters(default=500))

    @extend_schema(**docs_bre.MUNICIPALITIES)
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request, id: int) -> Collection:
        options = self.geometry_options(request)
        queryset = clustered_municipalities(run=self.run)
        page, rows = page_of(request, queryset, self.params)
        values = {
            "naam": F("name"),
            "provincie": F("province__code"),
            "cluster": F("a__cluster__number"),
            "clusterLabel": F("a__cluster__label"),
            "stabiliteit": F("a__stability"),
        }
        if options.include:
            values["_geometry"] = (
                presimplified_expression("gemeente", "geom", options)
                if options.simplified
                else geometry_expression("geom", options)
            )
        data = list(rows.values("code", **values))
        geometries = [row.pop("_geometry") for row in data] if options.include else None
        return Collection(
            name="gemeenten",
            rows=data,
            geometries=geometries,
            id_field="code",
            **page.collection_fields(),
            crs=self.crs_label(options),
            columns=MUNICIPALITY_COLUMNS,
        )


class BreRunCompareView(_StatefulReadView):
    has_geometry = False
    parameters = COMPARED

    def get_renderers(self):
        return [ApiJSONRenderer()]

    def state(self, request: Request, **kwargs) -> tuple[str, Any, bool]:
        ids = {"a": self.params["runA"], "b": self.params["runB"]}
        runs = clustering_runs_get(pks=[ids["a"], ids["b"]])
        for key in ("a", "b"):
            run = runs.get(ids[key])
            if run is None:
                raise Http404
            if run.status != RunStatus.SUCCEEDED:
                status = docs_bre.STATUSES[run.status]
                raise Conflict(f"Analyse {run.pk} heeft geen resultaten (status {status}).")
        self.runs = (runs[ids["a"]], runs[ids["b"]])
        latest = max(run.updated_at for run in self.runs)
        return f"compare:{ids['a']}:{ids['b']}:{latest.timestamp()}", latest, True

    @extend_schema(**docs_bre.COMPARE)
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Item:
        comparison = clustering_runs_compare(run_a=self.runs[0], run_b=self.runs[1])
        row = {
            "runA": comparison.run_a,
            "runB": comparison.run_b,
            "ari": round(comparison.adjusted_rand, 4),
            "nmi": round(comparison.nmi, 4),
            "aantalVeranderd": len(comparison.changed),
            "veranderd": comparison.changed,
            "koppeling": comparison.matches,
            "alleenInA": comparison.only_in_a,
            "alleenInB": comparison.only_in_b,
        }
        return Item(name="bre-vergelijking", row=row)
