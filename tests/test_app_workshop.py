"""The workshop and dashboard pages in AppTest: a trainee joins and practises, the trainer
signs in, creates a workshop, sees results, and a wrong passcode or no login shows nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coach.recorder import StoreRecorder
from coach.rehearsal import Rehearsal
from coach.scenarios.library import load_scenarios
from coach.store import open_store
from coach.store.rehearsals import list_rehearsals
from coach.store.workshops import list_workshops
from coach.workshops import _gate, close, create_workshop, join, new_sign_in_link, trainer_gate
from tests.app_harness import button, new_app, no_exception, settings_for, texts
from tests.db_fixtures import EchoEngine

PASSCODE = "workshop-passcode-123"
DASHBOARD = "ui/pages/dashboard.py"
WORKSHOP = "ui/pages/workshop.py"


@pytest.fixture(autouse=True)
def fresh_limits() -> None:
    _gate.cache_clear()


def open_page(
    tmp_path: Path,
    page: str,
    query: dict[str, str] | None = None,
    browser: dict[str, str] | None = None,
) -> AppTest:
    settings = settings_for(tmp_path, coach_trainer_passcode=PASSCODE)
    at = new_app(tmp_path, settings=settings, browser=browser)
    at.query_params.update(query or {})
    at.switch_page(page).run()
    no_exception(at)
    return at


def sign_in(at: AppTest, passcode: str) -> AppTest:
    at.text_input[0].input(passcode)
    button(at, "Sign in").click()
    return at.run()


def seeded_workshop(tmp_path: Path) -> tuple[str, str, str]:
    """A workshop with one trainee who has practised; returns (code, token, rehearsal id)."""
    store = open_store(settings_for(tmp_path).sqlalchemy_url())
    gate = trainer_gate(
        store, settings_for(tmp_path, coach_trainer_passcode=PASSCODE).coach_trainer_passcode
    )
    scenario = next(iter(load_scenarios().values()))
    w = create_workshop(
        store, gate, gate.login(PASSCODE, "t"), "Cohort A", [scenario.id], "hostile"
    )
    me, token = join(store, w.code, "Ana", "ip")
    rec = StoreRecorder(store, workshop_id=w.id, participant_id=me.participant.id)
    r = Rehearsal.start(scenario, "hostile", EchoEngine(), rec)
    r.send("Thank you for your business, and I am sorry it did not work out.")
    return w.code, token, r.id


def test_dashboard_needs_the_passcode(tmp_path: Path) -> None:
    code, _, _ = seeded_workshop(tmp_path)
    at = open_page(tmp_path, DASHBOARD)
    assert "Ana" not in texts(at) and code not in texts(at)
    sign_in(at, "wrong")
    no_exception(at)
    assert "not right" in texts(at)
    assert "Ana" not in texts(at) and not at.dataframe


def test_trainer_sees_results_and_creates_a_workshop(tmp_path: Path) -> None:
    code, _, _ = seeded_workshop(tmp_path)
    at = sign_in(open_page(tmp_path, DASHBOARD), PASSCODE)
    no_exception(at)
    assert f"{code[:4]}-{code[4:]}" in texts(at)
    table = at.dataframe[0].value
    assert list(table["Trainee"]) == ["Ana"] and table["Latest"][0] >= 0
    assert [m.label for m in at.metric][:2] == ["Trainees", "Practising now"]
    assert at.metric[0].value == "1"
    name_input = next(t for t in at.text_input if t.label == "Name")
    name_input.input("Cohort B")
    at.multiselect[0].select(at.multiselect[0].options[0])
    button(at, "Create").click()
    at.run()
    no_exception(at)
    assert "Join code" in texts(at)


def test_trainee_joins_and_sees_own_sessions(tmp_path: Path) -> None:
    code, ana_token, _ = seeded_workshop(tmp_path)
    at = open_page(tmp_path, WORKSHOP)
    at.text_input[0].input(code.lower())
    at.text_input[1].input("Ben")
    button(at, "Join").click()
    at.run()
    no_exception(at)
    assert "Ben" in texts(at)
    token = at.session_state["workshop_token"]
    assert token and token != ana_token
    assert "p" not in at.query_params  # the token never shows in the address bar
    assert "No sessions yet" in texts(at)  # Ana's session is not shown to Ben

    ana = open_page(tmp_path, WORKSHOP, {"p": ana_token})  # an old-style link signs in once
    assert "Ana" in texts(ana) and "p" not in ana.query_params
    assert len(ana.dataframe) == 1 and len(ana.dataframe[0].value) == 1


def test_guessed_token_shows_the_join_form(tmp_path: Path) -> None:
    seeded_workshop(tmp_path)
    at = open_page(tmp_path, WORKSHOP, {"p": "guessed-token"})
    assert "not valid" in texts(at)
    assert not at.dataframe and "Ana" not in texts(at)


def _store(tmp_path: Path):
    return open_store(settings_for(tmp_path).sqlalchemy_url())


def test_a_revoked_trainee_is_signed_out(tmp_path: Path) -> None:
    _, ana_token, _ = seeded_workshop(tmp_path)
    at = sign_in(open_page(tmp_path, DASHBOARD), PASSCODE)
    at.selectbox(key="revoke").select_index(0).run()
    button(at, "Revoke access").click().run()
    no_exception(at)
    assert "signed out everywhere" in texts(at)
    ana = open_page(tmp_path, WORKSHOP, browser={"workshop_token": ana_token})
    assert "withdrawn" in texts(ana) and not ana.dataframe
    assert ana.session_state["workshop_token"] == ""  # forgotten on this browser too


def test_closing_the_workshop_ends_its_calls(tmp_path: Path) -> None:
    code, ana_token, _ = seeded_workshop(tmp_path)
    ana = open_page(tmp_path, WORKSHOP, browser={"workshop_token": ana_token})
    button(ana, "Start").click().run()
    no_exception(ana)
    assert ana.session_state["rehearsal"].recorder.participant_id is not None
    store = _store(tmp_path)
    gate = trainer_gate(
        store, settings_for(tmp_path, coach_trainer_passcode=PASSCODE).coach_trainer_passcode
    )
    workshop = next(w for w in list_workshops(store) if w.code == code)
    close(store, gate, gate.login(PASSCODE, "t"), workshop.id)
    ana.switch_page("ui/pages/rehearse.py").run()
    no_exception(ana)
    assert "This workshop call is closed" in texts(ana) and "ended" in texts(ana)
    assert "rehearsal" not in ana.session_state
    before = len(list_rehearsals(store, workshop_id=workshop.id))
    ana.run()
    assert len(list_rehearsals(store, workshop_id=workshop.id)) == before


def test_a_one_time_sign_in_link(tmp_path: Path) -> None:
    seeded_workshop(tmp_path)
    link = new_sign_in_link(_store(tmp_path))
    at = open_page(tmp_path, DASHBOARD, {"signin": link})
    assert "Join code" in texts(at) and "signin" not in at.query_params
    again = open_page(tmp_path, DASHBOARD, {"signin": link})
    assert "used, expired or not valid" in texts(again) and "Join code" not in texts(again)


def test_a_short_passcode_keeps_the_dashboard_shut(tmp_path: Path) -> None:
    seeded_workshop(tmp_path)
    short = settings_for(tmp_path, coach_trainer_passcode="short")
    at = new_app(tmp_path, settings=short)
    at.switch_page(DASHBOARD).run()
    no_exception(at)
    assert "too short" in texts(at) and not at.text_input


def test_the_dashboard_names_rules_by_title_and_charts_single_attempts(tmp_path: Path) -> None:
    from coach.checking.profile import CustomRule

    store = _store(tmp_path)
    gate = trainer_gate(
        store, settings_for(tmp_path, coach_trainer_passcode=PASSCODE).coach_trainer_passcode
    )
    scenario = next(iter(load_scenarios().values()))
    rule = CustomRule(
        id="workshop_forbidden",
        title="Company policy: phrases to avoid",
        message="Company policy forbids: promise a refund",
        forbid=["promise a refund"],
    )
    w = create_workshop(
        store, gate, gate.login(PASSCODE, "t"), "Cohort C", [scenario.id], "hostile", [rule]
    )
    me, _ = join(store, w.code, "Ana", "ip")
    rec = StoreRecorder(store, workshop_id=w.id, participant_id=me.participant.id)
    r = Rehearsal.start(scenario, "hostile", EchoEngine(), rec)
    r.send("I promise a refund, thank you for your business.")
    r.end()
    at = sign_in(open_page(tmp_path, DASHBOARD), PASSCODE)
    no_exception(at)
    page = texts(at)
    columns = list(at.dataframe[0].value.columns)
    assert "Company policy: phrases to avoid" in columns and "workshop_forbidden" not in columns
    assert "workshop_forbidden" not in page
    assert "Score per trainee" in page and "Scores over attempts" not in page
