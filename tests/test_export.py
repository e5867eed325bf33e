"""`coach export`: CSV rows with scores and per-rule results; JSON with full transcripts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from coach.checking.rules import BUILTIN_IDS
from coach.cli import main
from coach.export import export_csv, export_data
from coach.recorder import StoreRecorder
from coach.rehearsal import Rehearsal
from coach.store import Store
from coach.workshops import WorkshopInfo, create_workshop, join
from tests.db_fixtures import EchoEngine, sample_scenario, signed_in

GOOD = "Thank you for your business. I am sorry this did not work out."
ATTACK = "You are impossible to work with."


def practise(store: Store, lines: list[str], w: WorkshopInfo | None = None) -> Rehearsal:
    pid = join(store, w.code, "Ana", "ip")[0].participant.id if w else None
    rec = StoreRecorder(store, workshop_id=w.id if w else None, participant_id=pid)
    r = Rehearsal.start(sample_scenario(), "hostile", EchoEngine(), rec)
    for text in lines:
        r.send(text)
    return r


@pytest.fixture
def workshop(store: Store) -> WorkshopInfo:
    gate, trainer = signed_in(store)
    return create_workshop(store, gate, trainer, "W", ["late-payer"], "hostile")


def test_csv_has_one_row_per_rehearsal_with_rule_columns(
    store: Store, workshop: WorkshopInfo
) -> None:
    solo = practise(store, [GOOD, ATTACK])
    trainee = practise(store, [ATTACK], workshop)
    rows = list(csv.DictReader(io.StringIO(export_csv(store))))
    by_id = {r["rehearsal_id"]: r for r in rows}
    assert set(by_id) == {solo.id, trainee.id}
    assert by_id[trainee.id]["workshop"] == workshop.code
    assert by_id[trainee.id]["participant"] == "Ana"
    assert by_id[solo.id]["turns"] == "2"
    assert int(by_id[solo.id]["score"]) == solo.scorecard().overall_score
    card = solo.scorecard()
    for rid in BUILTIN_IDS:
        assert int(by_id[solo.id][f"{rid}_turns"]) == card.rules[rid]
    assert by_id[trainee.id]["personal_attack_passed"] == "0"


def test_workshop_filter(store: Store, workshop: WorkshopInfo) -> None:
    practise(store, [GOOD])
    mine = practise(store, [GOOD], workshop)
    lower = f"{workshop.code[:4]}-{workshop.code[4:]}".lower()
    assert [r["rehearsal_id"] for r in export_data(store, lower)["rehearsals"]] == [mine.id]


def test_json_includes_full_transcripts(store: Store) -> None:
    r = practise(store, [GOOD, ATTACK])
    (item,) = export_data(store)["rehearsals"]
    transcript = item["transcript"]
    assert transcript["opening"] == r.opening
    assert [(t["sent"], t["client"]) for t in transcript["turns"]] == [
        (t.user, t.client) for t in r.turns
    ]
    assert transcript["turns"][1]["review"]["score"] == r.turns[1].review.score
    assert set(item["rules"]) >= set(BUILTIN_IDS)


def test_cli_writes_file_and_rejects_unknown_workshop(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    r = practise(store, [GOOD])
    out = tmp_path / "export.json"
    code = main(["export", "--db", store.url, "--format", "json", "--output", str(out)])
    assert code == 0
    assert [x["rehearsal_id"] for x in json.loads(out.read_text())["rehearsals"]] == [r.id]
    assert main(["export", "--db", store.url]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("rehearsal_id,")
    assert main(["export", "--db", store.url, "--workshop", "NOPE-NOPE"]) == 2
    assert "no workshop" in capsys.readouterr().err


def test_text_cells_that_look_like_formulas_are_neutralised() -> None:
    from coach.export import _safe_cell

    for risky in (
        '=HYPERLINK("http://x","y")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "\tx",
        "\rx",
    ):
        assert _safe_cell(risky) == "'" + risky
    assert _safe_cell("Dana Whitfield") == "Dana Whitfield"
    assert _safe_cell(42) == 42


def test_a_trainee_named_like_a_formula_is_exported_as_text(
    store: Store, workshop: WorkshopInfo
) -> None:
    name = '=HYPERLINK("http://example.com","x")'
    pid = join(store, workshop.code, name, "ip")[0].participant.id
    rec = StoreRecorder(store, workshop_id=workshop.id, participant_id=pid)
    Rehearsal.start(sample_scenario(), "hostile", EchoEngine(), rec).send(GOOD)
    rows = list(csv.DictReader(io.StringIO(export_csv(store))))
    assert rows[0]["participant"] == "'" + name
