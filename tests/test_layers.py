"""Issue 12: the layers contract of `make lint` ([tool.importlinter] in pyproject.toml) holds, and breaks when
a lower layer imports a higher one: cms's platform packages never import a domain app, workflows never
imports the examples library."""

from pathlib import Path

import grimp
import pytest
from importlinter import api
from importlinter.contracts.layers import LayersContract

CONFIG = str(Path(__file__).resolve().parent.parent / "pyproject.toml")


@pytest.fixture(scope="module")
def configuration() -> dict:
    return api.read_configuration(CONFIG)


@pytest.fixture
def graph(configuration):
    options = configuration["session_options"]
    return grimp.build_graph(*options["root_packages"], exclude_type_checking_imports=True, cache_dir=None)


def _layers(configuration) -> LayersContract:
    [options] = [item for item in configuration["contracts_options"] if item["name"].startswith("Layers")]
    options = {key: value for key, value in options.items() if key not in ("name", "type", "id")}
    return LayersContract(
        name="layers", session_options=configuration["session_options"], contract_options=options
    )


def test_the_project_keeps_its_layers(configuration, graph):
    assert _layers(configuration).check(graph, verbose=False).kept


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("cms.headless.freshness", "examples_library.models"),  # the platform knowing a page type
        ("cms.accounts.roles", "guidance_pages.models"),
        ("workflows.moderation", "examples_library.models"),  # moderation reaching back to submissions
        ("guidance_pages.models", "search.indexing"),
        ("examples_library.api", "cms.api"),  # an app importing the composition root
    ],
)
def test_a_back_import_breaks_the_layers(configuration, graph, importer, imported):
    graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="import")
    assert not _layers(configuration).check(graph, verbose=False).kept
