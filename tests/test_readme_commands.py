"""Every shell command block of README.md that can run offline runs, and succeeds, so
the README and the behaviour cannot drift apart.

The blocks run in order, in one shell, in one scratch directory (its ``.venv`` is this interpreter's,
its ``scrapy.cfg`` the project's), ``https://example.com`` and the README's
``http://127.0.0.1:PORT`` replaced by the sample site's URL. The commands that cannot
run here are listed in ``SKIPPED``, each with the reason; a block with a new command
runs it, and fails the test if the command fails.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"

#: Commands (a substring of the logical line) not run, and why.
SKIPPED = {
    "make test": "runs this test suite",
    "make demo": "writes into the clone's output/; tests/test_demo.py runs the demo's crawl",
    "-a site=tibet": "needs the Internet (the tibet profile crawls tibet.cn)",
    "start_urls=... ": "a placeholder, not a command",
    "news ... -s": "a placeholder, not a command",
    "newscrawl.sample_site.server &": "the tests' sample site server stands in for it",
    "redis-server --port": "the tests' redis-server (tests/conftest.py redis_server) stands in for it",
    "v/bin/pip install": "a new virtualenv with the stock pip: tests/test_install.py installs it so",
    "v/bin/newscrawl": "that virtualenv's command: tests/test_install.py runs it from outside the repo",
}
_SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.M | re.S)
_HEREDOC = re.compile(r"<<-?\s*'?(\w+)'?\s*$")


def sh_blocks(text: str) -> list[str]:
    return [m[1] for m in _SH_BLOCK.finditer(text)]


def commands(block: str) -> list[str]:
    """The block's logical commands: continued lines joined, here-documents kept whole."""
    out: list[str] = []
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        command = lines[i]
        while command.rstrip().endswith("\\") and i + 1 < len(lines):
            i += 1
            command += "\n" + lines[i]
        heredoc = _HEREDOC.search(command)
        if heredoc:
            while i + 1 < len(lines):
                i += 1
                command += "\n" + lines[i]
                if lines[i].strip() == heredoc[1]:
                    break
        if command.strip() and not command.lstrip().startswith("#"):
            out.append(command)
        i += 1
    return out


def skipped(command: str, table: dict[str, str] = SKIPPED) -> str | None:
    return next((why for needle, why in table.items() if needle in command), None)


def test_the_readme_has_commands_to_run() -> None:
    blocks = [commands(b) for b in sh_blocks(README.read_text("utf-8"))]
    runnable = [c for block in blocks for c in block if not skipped(c)]
    assert len(runnable) >= 8  # the crawl, archive and hostile-site commands at least
    assert all(any(needle in c for block in blocks for c in block) for needle in SKIPPED), \
        "a SKIPPED entry no longer matches a README command: remove it"


def test_readme_shell_blocks_run(sample_site: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    shutil.copy(REPO / "scrapy.cfg", tmp_path / "scrapy.cfg")
    text = README.read_text("utf-8").replace("https://example.com", sample_site)
    table = dict(SKIPPED)
    if shutil.which("redis-server"):  # the multi-machine commands, on the tests' own redis-server
        import redis

        url = f"{request.getfixturevalue('redis_server')}/15"
        redis.Redis.from_url(url).flushdb()
        text = text.replace("redis://127.0.0.1:6379/0", url)
    else:
        table["NEWSCRAWL_REDIS_URL"] = table["news-a"] = table["news-b"] = "no redis-server installed"
    text = text.replace("http://127.0.0.1:PORT", sample_site).replace("/tmp/hostile", str(tmp_path / "hostile"))
    # One shell for the whole README, as a reader's (`. .venv/bin/activate` in one
    # section holds for the next), stopping at the first failure, each command
    # announced on stderr.
    script = ["set -e"]
    for n, block in enumerate(sh_blocks(text), 1):
        for command in commands(block):
            if not skipped(command, table):
                script += [f"echo {shlex.quote(f'>>> block {n}: ' + command.splitlines()[0])} >&2", command]
    proc = subprocess.run(["bash", "-c", "\n".join(script)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    ran = proc.stderr.count(">>> block ")
    assert ran == len(script) // 2  # every command ran
