"""What the two pages that compare partitions of the municipalities share (/congruentie and
/vergelijken, GET forms): a day read from the query, and the answer to a valid form with the
errors of the data (a partition that does not exist on its day, ...) shown on the form."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

from django import forms

from collaborations.divisions.congruence.partitions import PartitionNotFoundError

T = TypeVar("T")


def day_or(value: str | None, default: datetime.date) -> datetime.date:
    """The ISO date ``value``, or ``default`` when it is absent or bad (the form reports a bad
    one)."""
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return default


def form_answer(
    form: forms.Form,
    answer: Callable[[dict], T],
    errors: tuple[type[Exception], ...] = (),
) -> T | None:
    """``answer(form.cleaned_data)`` when the form is valid; None when it is not, or when the
    answer raises PartitionNotFoundError or one of ``errors``, whose message then becomes an
    error of the whole form (the page answers 400)."""
    if not form.is_valid():
        return None
    try:
        return answer(form.cleaned_data)
    except (PartitionNotFoundError, *errors) as exc:
        form.add_error(None, str(exc))
        return None
