"""Headless Chromium through Playwright, against pytest-django's live server.

Debian's chromium is used (`apt-get install chromium`); the tests are skipped with a clear
reason where it is missing, so a machine without a browser still runs the rest of the suite.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests make
# (factories) are still synchronous, and Django must be told that this is on purpose.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    # The portal serves every asset itself: any request to another host is a bug.
    outside = []
    page.on("request", lambda request: outside.append(request.url) if not _is_local(request.url) else None)
    yield page
    context.close()
    assert not outside, f"requests outside the portal: {outside}"


def _is_local(url: str) -> bool:
    return url.startswith(("http://localhost", "http://127.0.0.1", "data:", "about:", "blob:"))


@pytest.fixture
def screenshot_dir():
    path = os.environ.get("SCREENSHOT_DIR", "/tmp/portal-screenshots")  # noqa: S108 (not in the repository)
    os.makedirs(path, exist_ok=True)
    return path
