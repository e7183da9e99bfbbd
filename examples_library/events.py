"""What this app announces itself (``signals.py`` holds its receivers of other apps' signals).

``examples_published``: sent by the bulk import (``transfer/bulk.py``) for each batch of new live examples
it writes without Wagtail's publish, so without ``page_published``, for the apps above this one that keep
read models of published pages (search). Argument: ``pages``, the new ExamplePages."""

from django.dispatch import Signal

examples_published = Signal()
