"""Sweep of the BRE clustering parameters on the loaded data, scored against the BRE research
(docs/bre.md, "Keuze van de standaardparameters").

Grid: arrangement filters x weighting x resolution (Leiden, consensus of --repetitions seeds).
Each partition is scored with checks taken from what the research's map shows, encoded on the
real data (member lists from the data itself, not typed in):

- whole provinces: Fryslân (PV21), Groningen (PV20), Drenthe (PV22), Zeeland (PV29) are each
  exactly one cluster (the province's municipalities, no others): Jaccard = 1;
- streek-regions Twente and Zuid-Limburg (their 2016 COROP regions) and the Achterhoek (the 8
  municipalities of Regio Achterhoek, as the 2016 arbeidsmarktregio; COROP Achterhoek adds
  Brummen, Lochem and Zutphen): all members in one cluster that is at least 75% theirs;
- urban regions Haaglanden, Rotterdam-Rijnmond (their veiligheidsregio's) and the regions
  around a centre city, Noordoost-Brabant and Eindhoven (COROP Noordoost- and
  Zuidoost-Noord-Brabant): at least 80% of the members in one cluster that is at least 75%
  theirs;
- 30 to 40 clusters;
- Regio Zwolle crosses provinces: the cluster of Zwolle has members in two or more provinces.

A check scores its Jaccard index (or 1/0); a configuration is ranked by checks passed, then
total score. The best ones are then run again with split_contiguous, with another seed and
with Louvain.

    DJANGO_SETTINGS_MODULE=regioatlas.settings.local .venv/bin/python bench/bre_sweep.py

``--map docs/img/bre-default.png`` (with ``--no-sweep`` alone) draws the default run's clusters
as the API serves them (GeoJSON of /api/v1/bre-analyses/{id}/clusters, provinces from
/api/v1/provincies) into a self-contained SVG page and screenshots it with headless chromium.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")

import django

django.setup()

import numpy as np
from bre_map import render_map

from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.clustering.selectors.network import bre_network
from collaborations.clustering.selectors.runs import (
    agreement,
    municipality_facts,
    official_partitions,
)
from collaborations.clustering.services.algorithms import consensus
from collaborations.clustering.services.geography import adjacency_graph, split_contiguous
from collaborations.divisions.models import Division
from collaborations.geography.selectors.borders import municipality_adjacency

WEIGHTINGS = ("count", "normalised", "jaccard")
RESOLUTIONS = (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 12.0, 14.0, 16.0)
PROVINCES = {"Fryslân": "PV21", "Groningen": "PV20", "Drenthe": "PV22", "Zeeland": "PV29"}
COROP = "corop-gebieden"
VR = "veiligheidsregios"
STREEK = {
    "Twente": (COROP, "COROP-gebied Twente"),
    # COROP Achterhoek also holds Brummen, Lochem and Zutphen (Stedendriehoek); the streek as a
    # cooperation (Regio Achterhoek, "8RHK") is these 8, as in the 2016 arbeidsmarktregio.
    "Achterhoek": ("arbeidsmarktregios", "Arbeidsmarktregio Achterhoek"),
    "Zuid-Limburg": (COROP, "COROP-gebied Zuid-Limburg"),
}
AROUND = {
    "Haaglanden": (VR, "Veiligheidsregio Haaglanden"),
    "Rotterdam-Rijnmond": (VR, "Veiligheidsregio Rotterdam-Rijnmond"),
    "Noordoost-Brabant": (COROP, "COROP-gebied Noordoost-Noord-Brabant"),
    "Eindhoven": (COROP, "COROP-gebied Zuidoost-Noord-Brabant"),
}
ZWOLLE = "GM0193"


def filter_sets() -> dict[str, dict]:
    statistical = sorted(Division.objects.filter(kind="statistisch").values_list("slug", flat=True))
    return {
        "alle": {},
        "geen-statistisch": {"exclude_divisions": tuple(statistical)},
        "alleen-samenwerking": {"cooperation_only": True},
        "zonder-indelingen": {"include_divisions": False},
    }


@dataclass(frozen=True)
class Reference:
    name: str
    kind: str  # whole | streek | around
    members: frozenset[int]


def references(network, facts) -> list[Reference]:
    _, regions = official_partitions(network=network, facts=facts)
    by_name = {(r.division, r.name): r.members for r in regions}
    refs = []
    for name, code in PROVINCES.items():
        members = frozenset(i for i, p in enumerate(facts.provinces) if p == code)
        refs.append(Reference(name, "whole", members))
    for kind, table in (("streek", STREEK), ("around", AROUND)):
        for name, key in table.items():
            if key not in by_name:
                raise SystemExit(f"reference region {key} not in the data")
            refs.append(Reference(name, kind, frozenset(by_name[key])))
    return refs


def score_reference(membership: np.ndarray, ref: Reference) -> tuple[float, bool]:
    labels = Counter(int(membership[i]) for i in ref.members)
    modal, inside = labels.most_common(1)[0]
    cluster = frozenset(np.flatnonzero(membership == modal).tolist())
    jaccard = len(cluster & ref.members) / len(cluster | ref.members)
    share, purity = inside / len(ref.members), inside / len(cluster)
    if ref.kind == "whole":
        return jaccard, jaccard == 1.0
    needed = 1.0 if ref.kind == "streek" else 0.8
    return jaccard, share >= needed and purity >= 0.75


def score(membership: np.ndarray, refs: list[Reference], facts) -> dict:
    checks: dict[str, tuple[float, bool]] = {r.name: score_reference(membership, r) for r in refs}
    k = int(membership.max()) + 1
    in_range = 30 <= k <= 40
    distance = 0 if in_range else min(abs(k - 30), abs(k - 40))
    checks["30-40 clusters"] = (max(0.0, 1 - distance / 10), in_range)
    zwolle = facts.codes.index(ZWOLLE)
    members = np.flatnonzero(membership == membership[zwolle])
    provinces = {facts.provinces[i] for i in members}
    checks["Regio Zwolle over provinciegrenzen"] = (float(len(provinces) >= 2), len(provinces) >= 2)
    return {
        "clusters": k,
        "passed": sum(ok for _, ok in checks.values()),
        "score": round(sum(s for s, _ in checks.values()), 3),
        "checks": {name: [round(s, 3), ok] for name, (s, ok) in checks.items()},
    }


def run_grid(args) -> tuple[list[dict], dict]:
    rows = []
    context = {}
    for filter_name, filters in filter_sets().items():
        start = time.perf_counter()
        network = bre_network(filters=ArrangementFilter(**filters), with_ids=False)
        built = time.perf_counter() - start
        if not context:
            facts = municipality_facts(network=network)
            context = {"facts": facts, "refs": references(network, facts), "network": network}
        for weighting, resolution in itertools.product(WEIGHTINGS, args.resolutions):
            graph = network.graph(weighting)
            start = time.perf_counter()
            result = consensus(
                graph,
                algorithm="leiden",
                resolution=resolution,
                seed=args.seed,
                repetitions=args.repetitions,
            )
            seconds = time.perf_counter() - start
            row = {
                "filters": filter_name,
                "weighting": weighting,
                "resolution": resolution,
                "network_s": round(built, 2),
                "cluster_s": round(seconds, 3),
                "stability": round(float(result.stability.mean()), 3),
                **score(result.membership, context["refs"], context["facts"]),
            }
            row["_membership"] = result.membership
            row["_graph"] = graph
            rows.append(row)
    rows.sort(key=lambda r: (-r["passed"], -r["score"], r["resolution"]))
    return rows, context


def confirm(rows: list[dict], context: dict, args) -> list[dict]:
    """The best configurations again: with split_contiguous, with another seed, and with
    Louvain instead of Leiden."""
    adjacency = adjacency_graph(context["network"].municipality_ids, municipality_adjacency())
    out = []
    for row in rows[: args.confirm]:
        split = split_contiguous(row["_membership"], adjacency, row["_graph"])
        other = consensus(
            row["_graph"],
            algorithm="leiden",
            resolution=row["resolution"],
            seed=args.seed + 1000,
            repetitions=args.repetitions,
        )
        ari, nmi = agreement(row["_membership"], other.membership)
        louvain = consensus(
            row["_graph"],
            algorithm="louvain",
            resolution=row["resolution"],
            seed=args.seed,
            repetitions=args.repetitions,
        )
        louvain_ari, _ = agreement(row["_membership"], louvain.membership)
        louvain_score = score(louvain.membership, context["refs"], context["facts"])
        out.append(
            {
                "filters": row["filters"],
                "weighting": row["weighting"],
                "resolution": row["resolution"],
                "split": score(split, context["refs"], context["facts"]),
                "other_seed_ari": round(ari, 4),
                "other_seed_nmi": round(nmi, 4),
                "louvain_ari": round(louvain_ari, 4),
                "louvain_passed": louvain_score["passed"],
                "louvain_clusters": louvain_score["clusters"],
            }
        )
    return out


def table(rows: list[dict], limit: int) -> str:
    names = list(rows[0]["checks"])
    short = [n.split(" ")[0][:10] for n in names]
    lines = [
        "| filters | weging | resolutie | clusters | geslaagd | score | "
        + " | ".join(short)
        + " | stabiliteit | s |",
        "|" + "---|" * (8 + len(names)),
    ]
    for row in rows[:limit]:
        marks = [("**1**" if ok else f"{s:.2f}") for s, ok in (row["checks"][n] for n in names)]
        lines.append(
            f"| {row['filters']} | {row['weighting']} | {row['resolution']:g} | "
            f"{row['clusters']} | {row['passed']}/{len(names)} | {row['score']:.2f} | "
            + " | ".join(marks)
            + f" | {row['stability']:.3f} | {row['cluster_s']:.2f} |"
        )
    return "\n".join(lines)


def best_per_filter(rows: list[dict]) -> str:
    lines = [
        "| filters | beste weging | resolutie | clusters | geslaagd | score |",
        "|---|---|---|---|---|---|",
    ]
    seen = set()
    for row in rows:
        if row["filters"] in seen:
            continue
        seen.add(row["filters"])
        lines.append(
            f"| {row['filters']} | {row['weighting']} | {row['resolution']:g} | "
            f"{row['clusters']} | {row['passed']} | {row['score']:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--confirm", type=int, default=5)
    parser.add_argument("--resolutions", type=float, nargs="*", default=RESOLUTIONS)
    parser.add_argument("--json", help="write every row as JSON to this file")
    parser.add_argument("--map", help="draw the default run's clusters into this PNG")
    parser.add_argument("--no-sweep", action="store_true", help="only --map")
    args = parser.parse_args()
    if args.map:
        render_map(args.map)
    if args.no_sweep:
        return
    start = time.perf_counter()
    rows, context = run_grid(args)
    print(f"{len(rows)} configurations in {time.perf_counter() - start:.1f} s\n")
    print(table(rows, args.top))
    print()
    print(best_per_filter(rows))
    print()
    for row in confirm(rows, context, args):
        print(json.dumps(row, ensure_ascii=False))
    if args.json:
        clean = [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]
        Path(args.json).write_text(json.dumps(clean, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
