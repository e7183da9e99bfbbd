"""Who may do what with a submission: every role × action cell, asserted."""

from django.core.exceptions import PermissionDenied

import pytest

from cms.accounts import roles
from examples_library.models import ExamplePage
from tests.examples_library.helpers import payload, submit
from tests.factories import UserFactory
from tests.helpers import client_for
from workflows.models import ObjectiveReviewer
from workflows.moderation import APPROVE, REQUEST_CHANGES, moderate

ROLES = ["anonymous", "owner", "other stakeholder", "champion", "moderator", "reviewer", "editor", "admin"]
ACTIONS = ["read", "revise", "withdraw", "screen", "review", "publish", "see contact"]

YES, NO = True, False
MATRIX = {
    #                    read revise withdraw screen review publish contact
    "anonymous":         (NO, NO, NO, NO, NO, NO, NO),
    "owner":             (YES, YES, YES, NO, NO, NO, YES),
    "other stakeholder": (NO, NO, NO, NO, NO, NO, NO),
    "champion":          (NO, NO, NO, NO, NO, NO, NO),
    "moderator":         (NO, NO, NO, YES, NO, NO, YES),
    "reviewer":          (NO, NO, NO, NO, YES, NO, YES),
    "editor":            (NO, NO, NO, NO, NO, YES, YES),
    "admin":             (NO, NO, NO, YES, YES, YES, YES),
}  # fmt: skip
CONTACT = "private.contact@example.org"

GROUP = {
    "owner": roles.STAKEHOLDERS,
    "other stakeholder": roles.STAKEHOLDERS,
    "champion": roles.CHAMPIONS,
    "moderator": roles.MODERATORS,
    "reviewer": roles.THEMATIC_REVIEWERS,
    "editor": roles.EDITORS,
    "admin": "admin",
}


@pytest.fixture
def world(db):
    owner = UserFactory(role=roles.STAKEHOLDERS)
    moderator = UserFactory(role=roles.MODERATORS)
    users = {role: UserFactory(role=GROUP[role]) for role in ROLES if role not in ("anonymous", "owner")}
    users["owner"] = owner
    ObjectiveReviewer.objects.create(user=users["reviewer"], objective_number=3)
    response = submit(client_for(owner), payload(contact_email=CONTACT))
    assert response.status_code == 201
    return {
        "users": users,
        "moderator": moderator,
        "id": response.json()["id"],
        "page_id": response.json()["page_id"],
    }


def to_state(world, state: str) -> ExamplePage:
    page = ExamplePage.objects.get(pk=world["page_id"])
    if state == "changes_requested":
        moderate(page, world["moderator"], REQUEST_CHANGES, "More detail, please.")
    elif state == "thematic_review":
        moderate(page, world["moderator"], APPROVE)
    return page


def can(world, role: str, action: str) -> bool:
    user = world["users"].get(role)
    client = client_for(user)
    sid = world["id"]
    if action == "read":
        return client.get(f"/api/v1/submissions/{sid}/").status_code == 200
    if action == "revise":
        to_state(world, "changes_requested")
        return submit(client, payload(), url=f"/api/v1/submissions/{sid}/revise/").status_code == 200
    if action == "withdraw":
        return client.post(f"/api/v1/submissions/{sid}/withdraw/").status_code == 200
    if action in ("screen", "review"):
        page = to_state(world, "screening" if action == "screen" else "thematic_review")
        if user is None:
            return False
        try:
            moderate(page, user, APPROVE)
        except PermissionDenied:
            return False
        return True
    if action == "publish":
        page = to_state(world, "screening")
        return bool(user) and page.permissions_for_user(user).can_publish()
    if action == "see contact":
        page = to_state(world, "thematic_review" if role == "reviewer" else "screening")
        places = [f"/api/v1/submissions/{sid}/", f"/admin/pages/{page.pk}/edit/", f"/api/v2/pages/{page.pk}/"]
        return any(CONTACT in client.get(url).content.decode() for url in places)
    raise AssertionError(action)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, role, action):
    expected = MATRIX[role][ACTIONS.index(action)]
    assert can(world, role, action) is expected, f"{role} / {action}: expected {expected}"


def test_anonymous_gets_401_not_a_redirect(db):
    response = client_for().get("/api/v1/submissions/")
    assert response.status_code == 401
