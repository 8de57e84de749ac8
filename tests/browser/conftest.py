"""A real Streamlit server on a free port, filled with the synthetic store, and a headless Chromium.

The server is polled on ``/_stcore/health`` (no fixed sleeps). Chromium is Debian's ``/usr/bin/chromium``;
without it the browser tests skip, unless ``REQUIRE_BROWSER=1`` (CI), where they fail.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
HEALTH_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # poll interval, not a wait for readiness
    pytest.fail(f"streamlit not healthy after {HEALTH_TIMEOUT:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


@contextmanager
def _serve(store: Path, log: Path) -> Iterator[str]:
    """``streamlit run dashboard.py`` over ``store`` on a free port, healthy, stopped afterwards."""
    port = _free_port()
    env = {**os.environ, "CONFLICT_STORE": str(store), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory, make_store) -> Iterator[str]:
    """``http://127.0.0.1:<port>`` of the dashboard over a synthetic store (deterministic counts)."""
    tmp = tmp_path_factory.mktemp("browser")
    make_store(tmp / "store.sqlite")
    with _serve(tmp / "store.sqlite", tmp / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def sample_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard as a newcomer first sees it: an empty store, built from data/articles on first start."""
    tmp = tmp_path_factory.mktemp("sample")
    with _serve(tmp / "store.sqlite", tmp / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright's sync API."""
    if not CHROMIUM.exists():
        msg = "Chromium not installed: apt-get install chromium"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    """A fresh page (and so a fresh Streamlit session) at 1400×1000."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    p = context.new_page()
    p.set_default_timeout(60_000)
    try:
        yield p
    finally:
        context.close()


@pytest.fixture
def writable_server_url(tmp_path: Path, make_store) -> Iterator[str]:
    """The dashboard over a synthetic store of the test's own, for tests that add to it (the ingest page)."""
    make_store(tmp_path / "store.sqlite")
    with _serve(tmp_path / "store.sqlite", tmp_path / "streamlit.log") as url:
        yield url
