"""Spiders: crawl logic only (discovery, scope, requests)."""
