"""A real user's install: a fresh virtualenv made by ``python -m venv`` with the pip
that Python ships (not upgraded), ``pip install <worktree>`` (not editable), and the
commands run from a directory outside the repository.

Needs the package registry; skipped only when none is reachable. Takes about a
minute (the wheels come from pip's cache after the first time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SITE_ROOT

REPO = Path(__file__).resolve().parents[1]
PAGE = SITE_ROOT / "tibet/2022-07/24/content_1.htm"


def _index_url(pip: Path) -> str:
    proc = subprocess.run([str(pip), "config", "list"], capture_output=True, text=True, timeout=60)
    for line in proc.stdout.splitlines():
        name, _, value = line.partition("=")
        if name.endswith(".index-url") and not name.endswith("extra-index-url"):
            return value.strip().strip("'\"").split()[0]
    return "https://pypi.org/simple/"


def _registry_reachable(pip: Path) -> bool:
    url = _index_url(pip).rstrip("/") + "/pip/"
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 - the registry's own URL
            return response.status == 200
    except OSError:
        return False


def _clean_env() -> dict[str, str]:
    """The environment of a user's shell: no settings module, no virtualenv of ours."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("SCRAPY_SETTINGS_MODULE", "VIRTUAL_ENV", "PYTHONPATH", "SCRAPY_PROJECT")}
    return env


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``bin/`` of a fresh virtualenv with newscrawl pip-installed by the stock pip."""
    base = tmp_path_factory.mktemp("install")
    subprocess.run([sys.executable, "-m", "venv", str(base / "v")], check=True, timeout=300)
    bin_dir = base / "v" / "bin"
    if not _registry_reachable(bin_dir / "pip"):
        pytest.skip("no package registry reachable: cannot test a fresh install")
    proc = subprocess.run([str(bin_dir / "pip"), "install", "--quiet", str(REPO)], capture_output=True,
                          text=True, timeout=900, cwd=base, env=_clean_env())
    assert proc.returncode == 0, proc.stderr[-3000:]
    yield bin_dir


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A working directory outside the repository, with no scrapy.cfg above it."""
    assert REPO not in tmp_path.parents
    return tmp_path


def run(cmd: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=cwd, env={**_clean_env(), **env})


def test_stock_pip_is_what_python_ships(venv: Path) -> None:
    # The point of the test: the pip a user has before upgrading (23.2 with Python
    # 3.11), whose resolver drops a dependency's ``lxml[html-clean]`` extra.
    import ensurepip

    proc = run([str(venv / "pip"), "--version"], venv)
    assert proc.stdout.startswith(f"pip {ensurepip.version()} "), proc.stdout


def test_extraction_imports_in_the_fresh_install(venv: Path, elsewhere: Path) -> None:
    code = ("import sys, json, newscrawl; "
            "r = newscrawl.extract_article(open(sys.argv[1], 'rb').read(), 'http://www.tibet.cn/a.htm'); "
            "print(json.dumps(r['title'], ensure_ascii=False))")
    proc = run([str(venv / "python"), "-c", code, str(PAGE)], elsewhere)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout).startswith("蔡奇")
    assert str(REPO) not in run([str(venv / "python"), "-c", "import newscrawl; print(newscrawl.__file__)"],
                                elsewhere).stdout  # the installed copy, not the worktree


def test_scrapy_extract_with_settings_module(venv: Path, elsewhere: Path) -> None:
    proc = run([str(venv / "scrapy"), "extract", str(PAGE), "--url", "http://www.tibet.cn/a.htm"], elsewhere,
               SCRAPY_SETTINGS_MODULE="newscrawl.settings")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout)["title"].startswith("蔡奇")


def test_scrapy_outside_the_project_needs_the_settings_module(venv: Path, elsewhere: Path) -> None:
    # What the README's "from any directory" section says; `newscrawl` is the way out.
    proc = run([str(venv / "scrapy"), "extract", str(PAGE)], elsewhere)
    assert proc.returncode == 2 and "Unknown command: extract" in proc.stdout


def test_newscrawl_extract_from_any_directory(venv: Path, elsewhere: Path) -> None:
    proc = run([str(venv / "newscrawl"), "extract", str(PAGE), "--url", "http://www.tibet.cn/a.htm"], elsewhere)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout)["title"].startswith("蔡奇")


def test_newscrawl_crawl_then_archive_verify(venv: Path, elsewhere: Path, sample_site: str) -> None:
    crawl = run([str(venv / "newscrawl"), "crawl", "news", "-a", f"start_urls={sample_site}/", "-a", "max_depth=1",
                 "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING"], elsewhere)
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    archive = elsewhere / "output"  # the default archive, relative to where it ran
    assert list(archive.glob("articles/date=*/part-*.jsonl.gz"))
    verify = run([str(venv / "newscrawl"), "archive", "verify"], elsewhere)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "OK" in verify.stdout
