"""One crawl on several machines: scrapy-redis's scheduler and dupefilter, the crawl
state in Redis, per-worker leases on in-flight requests. Active only with
``NEWSCRAWL_REDIS_URL`` (see ``newscrawl.distributed.addon``)."""
