"""``-a max_items`` of a shared crawl: one count of the articles handed over to the
pipelines, across every worker (``<base>crawl:<id>:articles``), so N workers hand
over ``max_items`` articles in all, not N times as many.

The count is what one process counts (``NewsSpider._may_hand_over``): an article
page handed over to extraction, whatever the pipelines then make of it. Taking one
is a Lua script (check and increment in one step), so two workers never both take
the last one. Every worker looks at the count when it polls the shared queue
(``RedisWorker``) and closes, reason ``max_items``, once it is used up.
"""

from __future__ import annotations

from typing import Any

# KEYS: the count. ARGV: the limit. 1: one taken; 0: none left.
_TAKE = """
local used = tonumber(redis.call('get', KEYS[1]) or '0')
if used >= tonumber(ARGV[1]) then return 0 end
redis.call('incr', KEYS[1])
return 1
"""


class SharedQuota:
    def __init__(self, server: Any, key: str, limit: int) -> None:
        self.server = server
        self.key = key
        self.limit = limit
        self._take = server.register_script(_TAKE)

    def __call__(self) -> bool:
        """Take one article of the crawl's ``max_items``; False when none is left."""
        return bool(self._take(keys=[self.key], args=[self.limit]))

    def used(self) -> int:
        return int(self.server.get(self.key) or 0)

    def exhausted(self) -> bool:
        return self.used() >= self.limit
