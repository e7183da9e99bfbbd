"""Pages are read through the API and shown by the frontend; Django never renders them itself."""

from django.http import HttpRequest, HttpResponseRedirect

from cms.frontend import frontend_url


class HeadlessMixin:
    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponseRedirect:
        return HttpResponseRedirect(frontend_url(self))
