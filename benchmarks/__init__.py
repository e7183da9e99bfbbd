"""Benchmarks: measurements run by hand or by ``make bench``, never part of the site nor of ``make test``.

They are plain scripts (``python -m benchmarks.bench_search``, ``python -m benchmarks.bench_tree``) rather
than management commands: a command must live in an installed app, and an app only to carry two commands
would put benchmark code into every deployment's INSTALLED_APPS. Importing the package sets Django up
the way ``manage.py`` does (development settings unless DJANGO_SETTINGS_MODULE says otherwise).
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()
