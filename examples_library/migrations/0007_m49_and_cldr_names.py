"""Issue 14: French and Spanish names of the UN M49 sub-regions (data/m49_names.yaml) and of the countries
(CLDR, through Babel) in databases loaded before. Only rows still holding a generated name change (see
examples_library.reference_data.update_reference_names); the search read model's copy of each country's
name follows, and its version moves so that cached answers and facet indexes are renewed."""

from django.db import migrations
from django.db.models import F


def forwards(apps, schema_editor):
    # Imported when the migration runs, not when migrations are loaded: it loads pycountry, Babel and data.
    from examples_library.reference_data import update_reference_names

    if not update_reference_names(apps.get_model)["countries"]:
        return
    Country = apps.get_model("examples_library", "Country")
    SearchEntry = apps.get_model("gcm_search", "SearchEntry")
    names = {
        (language, iso2): name
        for language, iso2, name in Country.objects.values_list("locale__language_code", "iso2", "name")
    }
    stale = []
    for entry in SearchEntry.objects.exclude(country="").only("pk", "locale", "country", "country_name"):
        name = names.get((entry.locale, entry.country))
        if name and entry.country_name != name:
            entry.country_name = name
            stale.append(entry)
    SearchEntry.objects.bulk_update(stale, ["country_name"], batch_size=500)
    if stale:
        SearchVersion = apps.get_model("gcm_search", "SearchVersion")
        if not SearchVersion.objects.filter(pk=1).update(value=F("value") + 1):
            SearchVersion.objects.get_or_create(pk=1, defaults={"value": 1})


class Migration(migrations.Migration):
    dependencies = [
        ("examples_library", "0006_open_data_file"),
        ("gcm_search", "0005_narrow_heap"),
    ]

    # Backwards keeps the names: they are right for the older code too.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
