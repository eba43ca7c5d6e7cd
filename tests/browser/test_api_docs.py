"""The interactive API docs work in a real browser under the portal's strict CSP, from local assets."""

import os

import pytest

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_and_tries_a_request(live_server, page, screenshot_dir):
    factories.AgreementFactory(title_en="Memorandum on veterinary medicine")
    violations = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock-tag-section", timeout=20_000)
    assert page.locator("#operations-tag-agreements").is_visible()
    assert page.get_by_role("button", name="Authorize").is_visible()
    # Open the agreements list and call it from the page.
    page.locator("#operations-agreements-agreements_list .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.wait_for_selector(".live-responses-table .response-col_status", timeout=20_000)
    assert "Memorandum on veterinary medicine" in page.locator(".live-responses-table").inner_text()
    page.screenshot(path=os.path.join(screenshot_dir, "api-docs.png"))
    assert not violations, violations
