"""The Champions menu of the admin: Champion countries, pilots and their findings as snippets. Editors manage
them (``champions.permissions``); Champions and everyone else have no access."""

from django.utils.translation import gettext_lazy as _

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from champions.models import Champion, Pilot, PilotFindings
from champions.permissions import EditorsPolicy


class ChampionViewSet(SnippetViewSet):
    model = Champion
    icon = "flag"
    list_display = ["country", "since", "until"]
    url_prefix = "champions/countries"


class PilotViewSet(SnippetViewSet):
    model = Pilot
    icon = "pick"
    list_display = ["title", "champion", "status", "started_on"]
    list_filter = ["status"]
    url_prefix = "champions/pilots"


class PilotFindingsViewSet(SnippetViewSet):
    model = PilotFindings
    icon = "doc-full"
    list_display = ["pilot", "locale"]
    url_prefix = "champions/findings"


class ChampionsGroup(SnippetViewSetGroup):
    menu_label = _("Champions")
    menu_icon = "flag"
    menu_name = "champions"
    items = (ChampionViewSet, PilotViewSet, PilotFindingsViewSet)


for model in (Champion, Pilot, PilotFindings):
    register_permission_policy(model, EditorsPolicy(model))
register_snippet(ChampionsGroup)
