"""The web page of `judge serve`, in a real browser: Playwright driving Debian's chromium.

A person picks lru_cache, reads its spec, pastes a correct solution and uploads a wrong one, and
reads each verdict off the page (live status, then the verdict with the counterexample, expected
and actual values and the replay seed). A screenshot of each verdict is saved in the test's
temporary folder.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from service_support import ROOT, start_serve

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
LRU_OK = ROOT / "tests" / "submissions" / "lru_ok.py"
LRU_WA = ROOT / "challenges" / "lru_cache" / "wrong" / "evicts_most_recent.py"

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("service")]

RECORD_STATUS = """() => {
  window.statusSeen = [];
  new MutationObserver(() => window.statusSeen.push(document.getElementById('status').textContent))
    .observe(document.getElementById('status'), {childList: true, characterData: true, subtree: true});
}"""


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        pytest.fail("chromium is not installed (scripts/setup.sh installs Debian's chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def test_page_judges_a_correct_and_a_wrong_lru_cache(tmp_path, browser):
    server, client = start_serve(tmp_path, f"sqlite:///{tmp_path / 'page.db'}", "--sandbox", "local", "--slots", "1")
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.set_default_timeout(90_000)
        page.goto(client.base + "/")
        page.click("#challenges li[data-id=lru_cache]")
        page.wait_for_selector("#spec h3")  # the spec's "# LRU cache", under the page's own headings
        assert "LRU" in page.inner_text("#spec") and "LRUCache" in page.inner_text("#facts")

        page.evaluate(RECORD_STATUS)
        page.fill("#source", LRU_OK.read_text())
        page.click("#submit")
        page.wait_for_selector("#result:not([hidden])")
        assert page.inner_text("#verdict") == "AC"
        assert "properties hold" in page.inner_text("#message")
        assert page.inner_text("#seed") == "1" and "--seed 1" in page.inner_text("#replay")
        assert any(text.startswith("running") for text in page.evaluate("window.statusSeen")), \
            page.evaluate("window.statusSeen")
        page.screenshot(path=str(tmp_path / "accepted.png"), full_page=True)

        page.evaluate(RECORD_STATUS)
        page.set_input_files("#file", str(LRU_WA))  # upload: the code box takes the file's text
        page.wait_for_function("document.getElementById('source').value.includes('OrderedDict')")
        page.click("#submit")
        page.wait_for_selector("#result:not([hidden])")
        page.wait_for_function("document.getElementById('verdict').textContent !== 'AC'")
        assert page.inner_text("#verdict") == "WA"
        counterexample = page.inner_text("#counterexample")
        assert "LRUCache(" in counterexample and page.inner_text("#expected") and page.inner_text("#actual")
        assert page.inner_text("#expected") != page.inner_text("#actual")
        assert "evicts_most_recent.py --seed 1" in page.inner_text("#replay")
        page.screenshot(path=str(tmp_path / "wrong_answer.png"), full_page=True)
        assert (tmp_path / "accepted.png").stat().st_size > 10_000
        assert (tmp_path / "wrong_answer.png").stat().st_size > 10_000
    finally:
        server.stop()
