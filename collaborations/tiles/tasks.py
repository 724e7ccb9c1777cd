"""Tasks of the tiles sub-domain: footprints and tile geometry refreshed after a change."""

from celery import shared_task

from collaborations.core.tasks import outbox_run


@shared_task(
    bind=True,
    name="collaborations.footprints_recompute",
    max_retries=3,
    soft_time_limit=600,
    time_limit=660,
)
def footprints_recompute_task(
    self, arrangement_ids: list[int] | None = None, outbox_id: int | None = None
) -> int | None:
    from collaborations.tiles.services import arrangement_geometry_refresh

    return outbox_run(
        self, outbox_id, lambda: arrangement_geometry_refresh(arrangement_ids=arrangement_ids)
    )
