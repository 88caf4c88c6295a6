"""``make demo``: its crawl of the sample site is a healthy one (nothing dropped), and
a second run crawls the same URLs as the first, so it shows what incremental runs skip."""

from __future__ import annotations

import json
import socket
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from newscrawl.demo import choose_port, crawl_command, previous_port
from newscrawl.sample_site.launch import start_subprocess

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo's crawl command against its own sample site server, stopped afterwards."""
    archive = tmp_path_factory.mktemp("demo") / "output"
    with start_subprocess() as base:
        proc = subprocess.run(crawl_command(base, archive), capture_output=True, text=True, timeout=240, cwd=REPO)
    [manifest] = (archive / "runs").glob("*.json")
    return {"proc": proc, "archive": archive, "port": urlsplit(base).port,
            "manifest": json.loads(manifest.read_text("utf-8"))}


def test_demo_crawl_drops_nothing(demo_crawl: dict[str, Any]) -> None:
    assert demo_crawl["proc"].returncode == 0, demo_crawl["proc"].stderr[-3000:]
    summary = demo_crawl["manifest"]["summary"]
    assert summary["dropped"] == {}, summary["dropped"]
    assert "downloader/response_status_count/404" not in demo_crawl["manifest"]["stats"]
    assert summary["archived"] == 14


def test_next_demo_run_reuses_the_port_of_the_last(demo_crawl: dict[str, Any]) -> None:
    assert previous_port(demo_crawl["archive"]) == demo_crawl["port"]
    assert choose_port(demo_crawl["archive"]) == (demo_crawl["port"], None)


def test_busy_port_of_the_last_run_is_said(demo_crawl: dict[str, Any]) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", demo_crawl["port"]))
        squatter.listen()
        port, note = choose_port(demo_crawl["archive"])
    assert port != demo_crawl["port"]
    assert note and f"port {demo_crawl['port']}" in note and "archived again" in note


def test_first_run_takes_the_fixed_port(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    monkeypatch.setenv("NEWSCRAWL_DEMO_PORT", str(free))
    assert choose_port(tmp_path / "output") == (free, None)
