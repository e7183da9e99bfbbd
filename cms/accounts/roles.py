"""The platform's roles, as Django groups (created by the cms and workflows migrations).

| role                 | group               | may                                                           |
|----------------------|---------------------|---------------------------------------------------------------|
| stakeholder          | Stakeholders        | submit examples, follow and revise them (API only)            |
| Champion             | Champions           | the above, and post feedback in open discussions              |
| moderator            | Moderators          | screen submissions: pass, request changes, reject; comments   |
| thematic reviewer    | Thematic reviewers  | approve or request changes on their objectives' submissions   |
| editor               | Editors             | edit and publish guidance, run discussions                    |
| administrator        | (superuser)         | everything                                                    |
"""

from django.contrib.auth.models import AbstractBaseUser

STAKEHOLDERS = "Stakeholders"
CHAMPIONS = "Champions"
MODERATORS = "Moderators"
THEMATIC_REVIEWERS = "Thematic reviewers"
EDITORS = "Editors"

ALL_GROUPS = [STAKEHOLDERS, CHAMPIONS, MODERATORS, THEMATIC_REVIEWERS, EDITORS]
STAFF_GROUPS = [MODERATORS, THEMATIC_REVIEWERS, EDITORS]


def in_group(user: AbstractBaseUser, *names: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=names).exists()


def is_staff_reader(user: AbstractBaseUser) -> bool:
    """Moderators, reviewers, editors and administrators: people who may see what is not public."""
    return in_group(user, *STAFF_GROUPS)
