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
from coach.workshops import _gate, create_workshop, join, join_limiter, trainer_gate
from tests.app_harness import button, new_app, no_exception, settings_for, texts
from tests.db_fixtures import EchoEngine

PASSCODE = "workshop-passcode-123"
DASHBOARD = "ui/pages/dashboard.py"
WORKSHOP = "ui/pages/workshop.py"


@pytest.fixture(autouse=True)
def fresh_limits() -> None:
    _gate.cache_clear()
    join_limiter.cache_clear()


def open_page(tmp_path: Path, page: str, query: dict[str, str] | None = None) -> AppTest:
    at = new_app(tmp_path, settings=settings_for(tmp_path, coach_trainer_passcode=PASSCODE))
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
        settings_for(tmp_path, coach_trainer_passcode=PASSCODE).coach_trainer_passcode
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
    token = at.query_params["p"]
    assert token and token != ana_token
    assert "No sessions yet" in texts(at)  # Ana's session is not shown to Ben

    ana = open_page(tmp_path, WORKSHOP, {"p": ana_token})
    assert "Ana" in texts(ana)
    assert len(ana.dataframe) == 1 and len(ana.dataframe[0].value) == 1


def test_guessed_token_shows_the_join_form(tmp_path: Path) -> None:
    seeded_workshop(tmp_path)
    at = open_page(tmp_path, WORKSHOP, {"p": "guessed-token"})
    assert "not valid" in texts(at)
    assert not at.dataframe and "Ana" not in texts(at)
