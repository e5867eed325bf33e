"""The recorder saves each turn when it happens; a saved rehearsal resumes where it was."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from coach.checking.profile import CustomRule
from coach.cli import main
from coach.recorder import StoreRecorder, load_rehearsal
from coach.rehearsal import Rehearsal
from coach.scenarios.library import load_scenarios
from coach.settings import get_settings
from coach.store import NotFound, Store, get_rehearsal, list_rehearsals, open_store
from coach.store.rehearsals import new_rehearsal_id
from coach.workshops import create_workshop, join
from tests.db_fixtures import EchoEngine, sample_scenario, signed_in

LINES = [
    "Thank you for working with us these past two years.",
    "Invoice 1042 was paid 90 days late, and that is partly on us for not chasing it.",
    "I am sorry this has not worked out.",
]


def start(store: Store) -> Rehearsal:
    return Rehearsal.start(sample_scenario(), "hostile", EchoEngine(), StoreRecorder(store))


def test_each_turn_is_in_the_store_as_soon_as_it_is_sent(store: Store) -> None:
    r = start(store)
    assert get_rehearsal(store, r.id).turns == ()
    for i, line in enumerate(LINES, 1):
        r.send(line)
        saved = get_rehearsal(store, r.id)
        assert [t.sent for t in saved.turns] == LINES[:i]
        assert saved.turns[-1].client_reply == f"You said: {line}"
        assert saved.turns[-1].score == r.turns[-1].review.score
        assert saved.state["mood"] == r.to_dict()["mood"]
    assert not r.notices


def test_draft_and_sent_text_are_both_kept(store: Store) -> None:
    r = start(store)
    r.send("I am sorry it did not work out.", draft="You never pay on time.")
    (t,) = get_rehearsal(store, r.id).turns
    assert (t.draft, t.sent) == ("You never pay on time.", "I am sorry it did not work out.")


def test_resume_continues_where_it_was(store: Store) -> None:
    r = start(store)
    for line in LINES[:2]:
        r.send(line)
    resumed = load_rehearsal(store, r.id, EchoEngine())
    assert resumed.to_dict() == r.to_dict()
    resumed.send(LINES[2])
    saved = get_rehearsal(store, r.id)
    assert [t.seq for t in saved.turns] == [1, 2, 3]
    assert [t.sent for t in saved.turns] == LINES


def test_end_is_saved_and_survives_resume(store: Store) -> None:
    r = start(store)
    r.send(LINES[0])
    r.end()
    assert get_rehearsal(store, r.id).status == "ended"
    assert load_rehearsal(store, r.id, EchoEngine()).finished


def test_loading_an_unknown_id(store: Store) -> None:
    with pytest.raises(NotFound):
        load_rehearsal(store, new_rehearsal_id(), EchoEngine())


def test_storage_failure_becomes_a_notice_not_a_lost_turn(store: Store) -> None:
    r = start(store)
    store.close()
    store.engine.dispose()
    r.recorder = StoreRecorder(_broken_store())
    turn = r.send(LINES[0])
    assert turn.user == LINES[0] and r.turns == [turn]
    assert any("Could not save" in n for n in r.notices)


def _broken_store() -> Store:
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker

    engine = create_engine("sqlite:////nonexistent-dir/x.db")
    return Store("sqlite:////nonexistent-dir/x.db", engine, sessionmaker(engine))


def test_cli_rehearsal_is_saved_unless_no_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.db"
    monkeypatch.setenv("COACH_DB_PATH", str(db))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    get_settings.cache_clear()
    scenario_id = next(iter(load_scenarios()))
    lines = "Thank you for working with us.\nI am sorry this has not worked out.\n"
    try:
        for extra in ([], ["--no-save"]):
            monkeypatch.setattr("sys.stdin", io.StringIO(lines))
            args = ["rehearse", "--scenario", scenario_id, "--engine", "offline", "--seed", "3"]
            assert main([*args, "--format", "json", *extra]) == 0
            capsys.readouterr()
        store = open_store(f"sqlite:///{db}")
        (saved,) = list_rehearsals(store)
        assert saved.source == "cli"
        assert [t.sent for t in get_rehearsal(store, saved.id).turns] == lines.splitlines()
    finally:
        get_settings.cache_clear()


def test_resumed_workshop_rehearsal_keeps_the_workshop_rules(store: Store) -> None:
    rule = CustomRule(id="no_refund", title="t", message="m", forbid=["full refund"])
    gate, trainer = signed_in(store)
    w = create_workshop(store, gate, trainer, "W", ["late-payer"], "hostile", [rule])
    me, _ = join(store, w.code, "Ana", "ip")
    rec = StoreRecorder(store, workshop_id=w.id, participant_id=me.participant.id)
    r = Rehearsal.start(sample_scenario(), "hostile", EchoEngine(), rec)
    r.send("We will give you a full refund.")
    resumed = load_rehearsal(store, r.id, EchoEngine())
    assert any(f.rule_id == "no_refund" for f in resumed.turns[0].review.findings)


def test_an_accepted_call_reloads_finished(store: Store) -> None:
    from coach.engines.base import ClientReply, ReplyContext

    class Accepting(EchoEngine):
        def client_reply(self, ctx: ReplyContext, on_token=None) -> ClientReply:
            return ClientReply(text="Fine, I accept.", accepted=True)

    r = Rehearsal.start(sample_scenario(), "hostile", Accepting(), StoreRecorder(store))
    r.send("Thank you for your business; I'm sorry it has come to this.")
    assert r.accepted
    resumed = load_rehearsal(store, r.id, EchoEngine())
    assert resumed.accepted and resumed.finished
