"""Per-account quotas counted in the shared cache (``CACHE_URL``), so every worker process sees one count.

A window is a clock minute or hour; only accepted actions are counted (``spend`` after success), so a refused
request never uses up the allowance and nothing accepted is ever undone. Django's cache has no quota of its
own and django-ninja's throttles count requests, not accepted actions: hence these few lines.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache


@dataclass(frozen=True)
class Quota:
    name: str
    per: str  # "minute" or "hour"

    def key(self, user_id: int, now: datetime) -> str:
        window = now.strftime("%Y%m%d%H%M" if self.per == "minute" else "%Y%m%d%H")
        return f"quota:{self.name}:{user_id}:{window}"

    @property
    def _timeout(self) -> int:
        return 120 if self.per == "minute" else 2 * 3600

    def exhausted(self, user_id: int, limit: int, now: datetime) -> bool:
        """Whether the account has already spent ``limit`` in the window that holds ``now``."""
        return cache.get(self.key(user_id, now), 0) >= limit

    def spend(self, user_id: int, now: datetime) -> None:
        key = self.key(user_id, now)
        if not cache.add(key, 1, timeout=self._timeout):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=self._timeout)
