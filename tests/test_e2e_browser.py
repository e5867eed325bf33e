"""End to end in a real browser: `streamlit run app.py` on a free loopback port, driven by
Playwright in Debian's Chromium. Completes a three-turn rehearsal and an email review and
saves a screenshot of every page to test-artifacts/screenshots/ (git-ignored), or to the
README's docs/screenshots/ when UPDATE_SCREENSHOTS=1, so a plain test run leaves the tree
clean."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
UPDATE_SCREENSHOTS = os.environ.get("UPDATE_SCREENSHOTS") == "1"
SHOTS = ROOT / ("docs" if UPDATE_SCREENSHOTS else "test-artifacts") / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WAIT_MS = 30_000
TURNS = (
    "Thank you for working with us since 2022; we really appreciate it.",
    "On 2 April 2024 four emails called the design team incompetent, and two designers "
    "asked to be taken off the account. We have not managed to make this work.",
    "I'm sorry it ended this way. We will refund last month's fee, and I can recommend "
    "two agencies that may suit you better.",
)
APP_DB: dict[str, str] = {}  # the running app's database, for tests that seed it
TRAINER_PASSCODE = "e2e-trainer-passcode"
PLACEHOLDER_LINE = "We will refund [refund amount] this month."
MISSTATED_LINE = "On 14 April you shouted at our junior designer during the review call."
EMAIL = (
    "Dear Ms Rivera,\n\nThank you for working with us over the past two years. You have "
    "contacted us after each of the last five deliveries to say the order was not right, "
    "and frankly you are impossible to please.\n\nInvoice INV-2291 stays due.\n\nRegards,\nSam"
)


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing in CI: run scripts/system-deps.sh")
    pytest.skip(f"{CHROMIUM} is not installed (install Debian's chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy at {url}")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a free port with its own database and the offline engine."""
    _require_chromium()
    tmp = tmp_path_factory.mktemp("e2e")
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "COACH_")) and k != "DATABASE_URL"
    }
    env.update(
        COACH_ENGINE="offline",
        COACH_DB_PATH=str(tmp / "e2e.db"),
        COACH_TRAINER_PASSCODE=TRAINER_PASSCODE,
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
    )
    log = (tmp / "streamlit.log").open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    APP_DB["url"] = f"sqlite:///{tmp / 'e2e.db'}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page(browser, url: str, width: int = 1280, height: int = 1500, dark: bool = False):
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme="dark" if dark else "light",
    )
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    page.get_by_role("heading", level=1).first.wait_for()
    return page


def _idle(page) -> None:
    """Wait until Streamlit has finished its current run."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")


def _wait_for_cookie(page, name: str) -> None:
    for _ in range(50):
        if any(c["name"] == name for c in page.context.cookies()):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the {name} cookie was never set")


def _type(page, label: str, text: str) -> None:
    box = page.get_by_role("textbox", name=label)
    box.fill(text)
    box.press("Control+Enter")
    _idle(page)


def _shot(page, name: str, top=None) -> None:
    """Save a screenshot; `top` is a locator scrolled to the top of the view first."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    _idle(page)
    if top is not None:
        top.evaluate("e => e.scrollIntoView()")
        page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_three_turn_rehearsal_in_a_browser(browser, app_url: str) -> None:
    from playwright.sync_api import expect

    page = _page(browser, app_url)
    expect(page.get_by_text("Offline: scripted clients")).to_be_visible()
    _shot(page, "rehearse-setup")
    page.get_by_role("button", name="Start the call").click()
    messages = page.locator('[data-testid="stChatMessage"]')
    expect(messages).to_have_count(1)
    assert "rehearsal=" in page.url

    # A line with an unfilled placeholder is refused, and the draft stays in the box.
    box = page.get_by_role("textbox", name="Your next line")
    box.fill(PLACEHOLDER_LINE)  # sent with one click, the box still focused
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Fill in [refund amount]")).to_be_visible()
    expect(box).to_have_value(PLACEHOLDER_LINE)
    # A misstated date is flagged against the record and costs points.
    _type(page, "Your next line", MISSTATED_LINE)
    page.get_by_role("button", name="Send").click()
    expect(messages).to_have_count(3)
    expect(page.get_by_text("Fact check:").first).to_be_visible()
    expect(messages.nth(1)).not_to_contain_text("score 100/100")

    for i, line in enumerate(TURNS):
        if i == 0:  # typed and sent with one click, the box still focused
            page.get_by_role("textbox", name="Your next line").fill(line)
        else:
            _type(page, "Your next line", line)
        if i == 1:
            page.get_by_role("button", name="Check").click()
            expect(page.get_by_text("Coach · score")).to_be_visible()
            _shot(page, "rehearse-check")
        page.get_by_role("button", name="Send").click()
        expect(messages).to_have_count(5 + 2 * i)
        _idle(page)
        if i < len(TURNS) - 1:  # the last line may win acceptance, which ends the call
            expect(page.get_by_role("textbox", name="Your next line")).to_have_value("")
    _shot(page, "rehearse-conversation")

    end = page.get_by_role("button", name="End the call")
    if end.count():
        end.click()
    heading = page.get_by_role("heading", name="Scorecard")
    expect(heading).to_be_visible()
    expect(page.get_by_role("button", name="Transcript (Markdown)")).to_be_visible()
    _shot(page, "rehearse-scorecard", top=heading)

    page.reload()  # a refresh resumes the rehearsal named in the URL (this browser's)
    expect(messages).to_have_count(9)
    expect(heading).to_be_visible()  # finished: the scorecard, and no box to type in
    expect(page.get_by_role("textbox", name="Your next line")).to_have_count(0)
    stranger = _page(browser, page.url)  # the same link in another browser: nothing
    expect(stranger.get_by_text("cannot be opened here")).to_be_visible()
    expect(stranger.locator('[data-testid="stChatMessage"]')).to_have_count(0)
    assert "rehearsal=" not in stranger.url
    _shot(stranger, "rehearse-link-not-yours")
    stranger.context.close()
    page.context.close()


def test_email_review_in_a_browser(browser, app_url: str) -> None:
    from playwright.sync_api import expect

    page = _page(browser, f"{app_url}/review")
    _type(page, "Your draft", EMAIL)
    page.get_by_role("button", name="Review").click()
    expect(page.get_by_role("heading", name="Suggested rewrite")).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    _shot(page, "review", top=page.get_by_role("heading", name="Your draft, annotated"))
    page.context.close()


def test_assessment_and_other_pages_in_a_browser(browser, app_url: str) -> None:
    from playwright.sync_api import expect

    page = _page(browser, f"{app_url}/assess")
    page.get_by_text("Is not profitable").click()
    page.get_by_text("Never refers new business").click()
    for label, value in (
        ("Monthly revenue from them", "900"),
        ("Hours a month serving them", "20"),
        ("Cost of an hour of your time", "60"),
    ):
        page.get_by_role("spinbutton", name=label).fill(value)
    page.get_by_role("button", name="Assess").click()
    verdict = page.locator("strong", has_text="Let this client go")
    expect(verdict).to_be_visible()
    _shot(page, "assess", top=verdict)
    page.context.close()

    for name in ("workshop", "dashboard"):
        page = _page(browser, f"{app_url}/{name}")
        _shot(page, name)
        page.context.close()


def test_dark_theme_and_narrow_screen(browser, app_url: str) -> None:
    from playwright.sync_api import expect

    page = _page(browser, f"{app_url}/review", dark=True)
    _type(page, "Your draft", EMAIL)
    page.get_by_role("button", name="Review").click()
    heading = page.get_by_role("heading", name="Your draft, annotated")
    expect(heading).to_be_visible()
    _shot(page, "review-dark", top=heading)
    page.context.close()

    page = _page(browser, app_url, width=760, height=1300)
    expect(page.get_by_role("button", name="Start the call")).to_be_visible()
    expect(page.get_by_text("The record you can cite", exact=True)).to_be_visible()
    _shot(page, "rehearse-narrow")
    page.context.close()


def test_a_trainee_stays_signed_in_without_a_token_in_the_address_bar(
    browser, app_url: str
) -> None:
    """Join a workshop, reload: still signed in (the browser's cookie), and the token never
    shows in the address bar; once the trainer revokes it, a reload signs the trainee out."""
    from playwright.sync_api import expect

    from coach.scenarios.library import load_scenarios
    from coach.store.engine import open_store
    from coach.store.workshops import list_participants
    from coach.workshops import TrainerGate, create_workshop, format_code, revoke

    store = open_store(APP_DB["url"])
    gate = TrainerGate(TRAINER_PASSCODE, store)
    trainer = gate.login(TRAINER_PASSCODE, "e2e")
    scenario = next(iter(load_scenarios().values()))
    w = create_workshop(store, gate, trainer, "Browser cohort", [scenario.id], "defensive")

    page = _page(browser, f"{app_url}/workshop")
    page.get_by_role("textbox", name="Join code").fill(format_code(w.code))
    page.get_by_role("textbox", name="Your display name").fill("Robin")
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_text("Signed in as")).to_be_visible()
    _idle(page)
    assert "p=" not in page.url
    _wait_for_cookie(page, "coach_trainee")
    page.reload()
    expect(page.get_by_text("Signed in as")).to_be_visible()  # the cookie, not the URL
    assert "p=" not in page.url
    _shot(page, "workshop-trainee")

    robin = next(p for p in list_participants(store, w.id) if p.display_name == "Robin")
    revoke(store, gate, trainer, robin.id)
    page.reload()
    expect(page.get_by_text("withdrawn")).to_be_visible()
    expect(page.get_by_role("button", name="Join")).to_be_visible()
    page.context.close()
