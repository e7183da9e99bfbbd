"""The database as a deployed service: tables the settings need beyond the models, and requests that meet
a database that is briefly unavailable."""

from django.core.management import call_command


def create_cache_tables(sender, using: str = "default", verbosity: int = 1, **kwargs) -> None:
    """After ``migrate``, create the table of every configured ``DatabaseCache`` that lacks one.

    Django leaves this to ``createcachetable``, a separate step that is easy to run with other settings than
    the server's (``make migrate`` used the development settings, whose cache is in memory), and the first
    request that touched the cache then answered 500. The command skips tables that exist already.
    """
    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))
