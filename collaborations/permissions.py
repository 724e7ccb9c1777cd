"""Who may do what in the atlas: the one place for these rules. Pages, the API and the admin
(through :class:`RoleBackend`) all ask these functions.

Roles (``collaborations.accounts.choices.EditorRole``):

- municipal editor: bound to one or more municipalities; edits arrangements in which one of
  them (or a predecessor of one of them) is a current member, except the regions of official
  divisions (those are the moderators'); proposes new arrangements and other changes;
- regional secretariat editor: bound to arrangements; edits those;
- moderator (ministry): reviews the queue, reverts, imports, manages themes and divisions,
  and edits any arrangement;
- administrator (or a Django superuser): everything a moderator may, plus accounts.

Anything an editor may not change directly becomes a suggestion for the review queue. Reading
published data needs no account.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.utils import timezone

from collaborations.accounts.choices import EditorRole
from collaborations.accounts.models import UserRole
from collaborations.arrangements.models import Arrangement, Membership
from collaborations.geography.models import Municipality, MunicipalityLineage

EDITOR_ROLES = (EditorRole.MUNICIPAL_EDITOR, EditorRole.SECRETARIAT_EDITOR)
REVIEWER_ROLES = (EditorRole.MODERATOR, EditorRole.ADMINISTRATOR)
_CACHE = "_regioatlas_role_cache"


# --- the role of a user ------------------------------------------------------------------
def role_of(user: Any) -> str | None:
    """The user's role, or None (anonymous, inactive, or no role). Cached on the user object
    for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return EditorRole.ADMINISTRATOR
    if not hasattr(user, _CACHE):
        setattr(
            user, _CACHE, UserRole.objects.filter(user=user).values_list("role", flat=True).first()
        )
    return getattr(user, _CACHE)


def forget_role(user: Any) -> None:
    """Drop the cached role (after it was changed)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def has_role(user: Any) -> bool:
    return role_of(user) is not None


def is_editor(user: Any) -> bool:
    return role_of(user) in EDITOR_ROLES


def is_reviewer(user: Any) -> bool:
    return role_of(user) in REVIEWER_ROLES


def is_administrator(user: Any) -> bool:
    return role_of(user) == EditorRole.ADMINISTRATOR


def is_account_administrator(user: Any) -> bool:
    """An administrator by the account itself (a Django superuser), with or without a role
    in the atlas."""
    return bool(getattr(user, "is_superuser", False)) and bool(getattr(user, "is_active", False))


# --- the admin site and account security ------------------------------------------------------
def uses_admin_site(user: Any) -> bool:
    """The account may enter the admin site (moderators and administrators). Django's
    ``is_staff`` flag follows this rule (registration.services.accounts keeps it in step) and
    the admin site asks it directly (atlas_web.admin)."""
    return is_reviewer(user)


def can_unlock_logins(user: Any) -> bool:
    """Lift a login lockout of an account or an address before it expires."""
    return is_reviewer(user)


def can_delete_records(user: Any) -> bool:
    """Delete records that only the services write (submissions, revisions, imports) in the
    admin."""
    return is_administrator(user)


def _own_members(user: Any) -> Q:
    """Condition on memberships: a membership that has not ended, of one of the user's
    municipalities or of a predecessor of one of them (through the lineage)."""
    ancestors = MunicipalityLineage.objects.filter(descendant__editor_roles__user=user).values(
        "ancestor_id"
    )
    current = Q(valid_to__isnull=True) | Q(valid_to__gt=timezone.localdate())
    return current & (Q(municipality__editor_roles__user=user) | Q(municipality_id__in=ancestors))


# --- arrangements ---------------------------------------------------------------------------
def can_view_unpublished(user: Any) -> bool:
    """See arrangements that are not (yet) published: pages, the API, the history."""
    return is_reviewer(user)


def can_view(user: Any, arrangement: Arrangement | None = None) -> bool:
    """Published arrangements and their history are public; unpublished ones are for
    reviewers."""
    if arrangement is None or arrangement.publication_status == "gepubliceerd":
        return True
    return can_view_unpublished(user)


def can_create(user: Any) -> bool:
    """Register a new arrangement (editors: it goes to the review queue)."""
    return has_role(user)


def can_publish_new(user: Any) -> bool:
    """A new arrangement from this user is published at once, without review."""
    return is_reviewer(user)


def can_edit_arrangement(user: Any, arrangement: Arrangement) -> bool:
    """Change the published arrangement directly (without review)."""
    role = role_of(user)
    if role in REVIEWER_ROLES:
        return True
    if role == EditorRole.SECRETARIAT_EDITOR:
        return UserRole.objects.filter(user=user, arrangements=arrangement).exists()
    if role == EditorRole.MUNICIPAL_EDITOR:
        if arrangement.division_id is not None:
            return False  # regions of official divisions: moderators (or their secretariat)
        return Membership.objects.filter(_own_members(user), arrangement=arrangement).exists()
    return False


def can_suggest(user: Any, arrangement: Arrangement | None = None) -> bool:
    """Propose a change (or a new arrangement) for review."""
    return has_role(user) and (arrangement is None or can_view(user, arrangement))


def can_confirm(user: Any, arrangement: Arrangement) -> bool:
    """Confirm that an arrangement is still correct."""
    return can_edit_arrangement(user, arrangement)


def can_review(user: Any) -> bool:
    """Approve, reject or ask for changes in the review queue."""
    return is_reviewer(user)


def can_revert(user: Any, arrangement: Arrangement | None = None) -> bool:
    return is_reviewer(user)


def can_import(user: Any) -> bool:
    """Bulk import arrangements and new divisions."""
    return is_reviewer(user)


def can_manage_themes(user: Any) -> bool:
    """Add and change themes and divisions."""
    return is_reviewer(user)


def can_manage_accounts(user: Any) -> bool:
    return is_administrator(user)


def includes_own_municipality(user: Any, codes: Iterable[str]) -> bool:
    """One of ``codes`` (municipality codes of a proposed arrangement) is the user's own
    municipality or a predecessor of it."""
    codes = list(codes)
    if role_of(user) != EditorRole.MUNICIPAL_EDITOR or not codes:
        return False
    return Municipality.objects.filter(
        Q(editor_roles__user=user)
        | Q(
            pk__in=MunicipalityLineage.objects.filter(descendant__editor_roles__user=user).values(
                "ancestor_id"
            )
        ),
        code__in=codes,
    ).exists()


# --- submissions and imports -----------------------------------------------------------------
def can_view_submission(user: Any, submission: Any) -> bool:
    return is_reviewer(user) or (
        has_role(user) and submission.submitted_by_id == getattr(user, "pk", None)
    )


def can_revise_submission(user: Any, submission: Any) -> bool:
    """The submitter changes an open submission (after a request for changes, or before)."""
    return (
        submission.is_open
        and has_role(user)
        and submission.submitted_by_id == getattr(user, "pk", None)
    )


def can_view_import(user: Any, job: Any) -> bool:
    return can_import(user)


# --- saved maps ("Mijn kaarten") ----------------------------------------------------------------
def can_save_maps(user: Any) -> bool:
    """Any active account may save maps; anonymous visitors keep permalinks."""
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def can_manage_saved_map(user: Any, saved: Any) -> bool:
    """Only the owner sees, changes, shares and deletes a saved map (others open its share link)."""
    return can_save_maps(user) and saved.owner_id == user.pk


# --- clustering (BRE) runs ---------------------------------------------------------------------
def can_cancel_clustering_run(user: Any, run: Any) -> bool:
    """Whoever started a run may cancel it, and so may reviewers."""
    own = run.created_by_id is not None and run.created_by_id == getattr(user, "pk", None)
    return (own and bool(getattr(user, "is_authenticated", False))) or is_reviewer(user)


# --- the admin ---------------------------------------------------------------------------------
_THEME_MODELS = {"theme", "division"}
_REVIEW_MODELS = {
    "submission",
    "submissionevent",
    "arrangementrevision",
    "arrangementconfirmation",
    "importjob",
    "arrangement",
    "membership",
    "organisation",
    "datasource",
    "municipality",
    "province",
}


class PasswordBackend(ModelBackend):
    """Django's password check, without Django's own permissions (user and group
    permissions): every permission question is answered by :class:`RoleBackend` from the
    rules above, so a flag or a group given by hand in the admin grants nothing."""

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return False


class RoleBackend:
    """Authentication backend that authenticates nobody but answers Django's permission
    questions (admin, ``user.has_perm``) from the rules above: moderators manage themes and
    divisions and can look at the registration records; administrators may do everything,
    including managing accounts and roles."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if is_administrator(user_obj):
            return True
        app_label, _, codename = perm.partition(".")
        if app_label != "collaborations":
            return False
        action, _, model = codename.partition("_")
        if model in _THEME_MODELS:
            return can_manage_themes(user_obj)
        if model == "userrole":
            return can_manage_accounts(user_obj)
        return action == "view" and model in _REVIEW_MODELS and can_review(user_obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        if is_administrator(user_obj):
            return True
        return app_label == "collaborations" and can_review(user_obj)

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()


def arrangement_ids_editable_by(user: Any) -> Q:
    """A condition on arrangements the user may edit directly (for lists)."""
    role = role_of(user)
    if role in REVIEWER_ROLES:
        return Q()
    if role == EditorRole.SECRETARIAT_EDITOR:
        return Q(editor_roles__user=user)
    if role == EditorRole.MUNICIPAL_EDITOR:
        members = Membership.objects.filter(_own_members(user)).values("arrangement_id")
        return Q(pk__in=members, division__isnull=True)
    return Q(pk__in=[])
