"""Extraction benchmarks for newscrawl (run by hand, not by ``make test``)."""
