"""A stand-in remote search engine for the outbox tests: it keeps documents in memory and refuses every
call while ``FakeEngine.down`` is set. Configured as a Wagtail backend by module path."""

from wagtail.search.backends.base import BaseSearchBackend


class EngineDown(ConnectionError):
    pass


class FakeEngine(BaseSearchBackend):
    down = False
    documents: dict[int, str] = {}

    def _check(self) -> None:
        if FakeEngine.down:
            raise EngineDown("connection refused")

    def add(self, obj) -> None:
        self._check()
        FakeEngine.documents[obj.pk] = obj.title

    def add_bulk(self, model, obj_list) -> None:
        for obj in obj_list:
            self.add(obj)

    def delete(self, obj) -> None:
        self._check()
        FakeEngine.documents.pop(obj.pk, None)

    def get_index_for_model(self, model):
        return None

    def search(self, *args, **kwargs):
        self._check()
        raise NotImplementedError


SearchBackend = FakeEngine
