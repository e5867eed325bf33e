"""The rehearsal session: turns, mood, fallback, recorder, scorecard, resume."""

import pytest

from bench.scripts import good_user
from coach.checking.rules import STEP_IDS
from coach.citations import format_date
from coach.engines.base import ClientReply, Coaching, ReplyContext
from coach.engines.client_agenda import MIN_TURNS, WALK_OUT_ATTACKS
from coach.engines.offline import OfflineEngine
from coach.rehearsal import Rehearsal, RehearsalFinished, Turn
from coach.scenarios.library import load_scenarios
from coach.scenarios.schema import Difficulty, Scenario

SCENARIOS = load_scenarios(extra_dir=None)
SCENARIO = SCENARIOS["chronic-complainer-catering"]
ATTACK = "You are impossible to work with, and frankly you are rude."
STEPS = [
    "We really appreciate you giving us a try.",
    "{record} It seems we are not doing a good enough job of keeping you happy.",
    "You should not pay for an experience that did not make you happy, so I am issuing a "
    "refund for this past month.",
    "We like to think our service suits everyone, but it did not in this case, and I am sorry "
    "for that.",
    "You may want to try {alt}. One of them may serve you better now.",
]


def step(scenario: Scenario, i: int) -> str:
    """The i-th of the five steps, citing the scenario's own record accurately."""
    incident = scenario.incidents[i % len(scenario.incidents)]
    assert incident.date is not None
    record = f"Our records show that on {format_date(incident.date)}: {incident.summary}."
    alt = " or ".join(scenario.suggested_alternatives)
    return STEPS[i % len(STEPS)].format(record=record, alt=alt)


def good_message(scenario: Scenario, i: int) -> str:
    """A whole message in the domain brief's style: all five steps."""
    return " ".join(step(scenario, i * len(STEPS) + k) for k in range(len(STEPS)))


class Spy:
    def __init__(self) -> None:
        self.events: list[tuple[str, int]] = []

    def on_start(self, rehearsal: Rehearsal) -> None:
        self.events.append(("start", len(rehearsal.turns)))

    def on_turn(self, rehearsal: Rehearsal, turn: Turn) -> None:
        assert rehearsal.turns[-1] is turn
        self.events.append(("turn", turn.index))

    def on_end(self, rehearsal: Rehearsal) -> None:
        self.events.append(("end", len(rehearsal.turns)))


class Broken(OfflineEngine):
    name = "broken"

    def client_reply(self, ctx: ReplyContext, on_token=None) -> ClientReply:
        raise ConnectionError("endpoint down")

    def coach(self, draft, review, scenario) -> Coaching:
        raise TimeoutError("slow")


def test_start_opens_in_character_and_tells_the_recorder() -> None:
    spy = Spy()
    r = Rehearsal.start(SCENARIO, "hostile", OfflineEngine(seed=1), recorder=spy)
    level = SCENARIO.difficulties[Difficulty.HOSTILE]
    assert r.opening == level.opening
    assert (r.mood.anger, r.mood.trust, r.mood.readiness) == (
        level.mood.anger,
        level.mood.trust,
        level.mood.readiness,
    )
    assert spy.events == [("start", 0)]
    assert not r.finished


def test_send_records_review_citations_mood_and_reply() -> None:
    spy = Spy()
    r = Rehearsal.start(SCENARIO, "defensive", OfflineEngine(seed=1), recorder=spy)
    turn = r.send("You complained after each of the last seven shipments.", draft="first try")
    assert turn.index == 1 and r.turns == [turn]
    assert turn.draft == "first try"
    assert [c.status for c in turn.citations] == ["misstated"]
    assert "five shipments" in turn.client
    assert turn.mood.anger > r.start_mood.anger
    assert r.mood == turn.mood
    assert [m.role for m in r.history()] == ["client", "user", "client"]
    assert spy.events == [("start", 0), ("turn", 1)]


def test_check_changes_nothing() -> None:
    r = Rehearsal.start(SCENARIO, "defensive", OfflineEngine(seed=1))
    coaching = r.check("You complained after seven shipments. " + ATTACK)
    assert coaching.review.detected["personal_attack"]
    assert [c.status for c in coaching.citations] == ["misstated"]
    assert r.turns == [] and r.mood == r.start_mood


def test_engine_failure_falls_back_and_keeps_the_text() -> None:
    r = Rehearsal.start(SCENARIO, "hostile", Broken(seed=1))
    coaching = r.check("Thank you for working with us.")
    assert coaching.rewrite and any("broken" in n for n in coaching.notices)
    turn = r.send("Thank you for working with us.")
    assert turn.user == "Thank you for working with us."
    assert turn.client
    assert any("offline" in n for n in turn.notices)
    assert r.notices == turn.notices


def test_recorder_failure_becomes_a_notice() -> None:
    class Failing(Spy):
        def on_turn(self, rehearsal, turn) -> None:
            raise OSError("disk full")

    r = Rehearsal.start(SCENARIO, "defensive", OfflineEngine(seed=1), recorder=Failing())
    r.send("Hello.")
    assert len(r.turns) == 1
    assert any("disk full" in n for n in r.notices)


def test_repeated_attacks_end_the_call_in_character() -> None:
    r = Rehearsal.start(SCENARIO, "hostile", OfflineEngine(seed=5))
    for _ in range(10):
        turn = r.send(ATTACK)
        assert turn.review.detected["personal_attack"], "the checker must see the attack"
        assert turn.mood.anger >= 8 and not turn.accepted
        assert not any(w in turn.client.lower() for w in ("sorry", "thank", "appreciate"))
        if r.finished:
            break
    assert r.walked_out and r.ended and not r.accepted
    assert len(r.turns) == WALK_OUT_ATTACKS[Difficulty.HOSTILE]
    assert r.scorecard().outcome == "the client ended the call"
    with pytest.raises(RehearsalFinished):
        r.send("Thank you for your business.")
    resumed = Rehearsal.from_dict(r.to_dict(), OfflineEngine(seed=5))
    assert resumed.walked_out and resumed.finished


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=lambda s: s.id)
@pytest.mark.parametrize("difficulty", list(Difficulty))
def test_a_good_call_reaches_acceptance_later_the_harder_the_client(
    scenario, difficulty: Difficulty
) -> None:
    r = Rehearsal.start(scenario, difficulty, OfflineEngine(seed=2))
    last = r.opening
    for i in range(16):
        last = r.send(good_user(scenario, last, i)).client
        if r.finished:
            break
    assert r.accepted, [(t.user, t.client, t.mood) for t in r.turns]
    assert len(r.turns) >= MIN_TURNS[difficulty]  # a hostile client does not give in early
    replies = [t.client for t in r.turns]
    assert len(set(replies)) == len(replies)  # never the same line twice in a call


@pytest.mark.parametrize("difficulty", list(Difficulty))
def test_one_step_per_turn_also_gets_there(difficulty: Difficulty) -> None:
    r = Rehearsal.start(SCENARIO, difficulty, OfflineEngine(seed=3))
    for i in range(15):
        r.send(step(SCENARIO, i))
        if r.accepted:
            break
    assert r.accepted, [t.mood for t in r.turns]


def test_end_stops_the_rehearsal_once() -> None:
    spy = Spy()
    r = Rehearsal.start(SCENARIO, "cooperative", OfflineEngine(seed=1), recorder=spy)
    r.send("Hello.")
    r.end()
    r.end()
    assert spy.events[-1] == ("end", 1) and spy.events.count(("end", 1)) == 1
    with pytest.raises(RehearsalFinished):
        r.send("Anything else?")


def test_scorecard_and_advice() -> None:
    r = Rehearsal.start(SCENARIO, "defensive", OfflineEngine(seed=1))
    r.send(ATTACK)
    r.send("You complained after seven shipments.")
    r.send(step(SCENARIO, 0))
    card = r.scorecard()
    assert [t["index"] for t in card.per_turn] == [1, 2, 3]
    assert card.attack_turns == 1 and card.rules["appreciation"] == 1
    assert card.steps_used["appreciation"] and not card.steps_used["alternatives"]
    assert card.citations["misstated"] == 1
    assert len(card.advice) == 3
    assert "1 of 3 turns" in card.advice[0]
    assert "five shipments" in card.advice[1]


def test_steps_spread_over_turns_count_overall() -> None:
    r = Rehearsal.start(SCENARIO, "cooperative", OfflineEngine(seed=1))
    for i in range(len(STEPS)):
        r.send(step(SCENARIO, i))
    card = r.scorecard()
    assert all(card.steps_used.values())
    assert card.overall_score == 100
    # Each good line scores fully for what it does; the call keeps the steps in order.
    assert [t["score"] for t in card.per_turn] == [100] * len(STEPS)
    assert [t["next_step"] for t in card.per_turn] == [*STEP_IDS[1:], None]


def test_round_trip_resumes_where_it_was() -> None:
    r = Rehearsal.start(SCENARIO, "hostile", OfflineEngine(seed=4))
    r.send(ATTACK)
    coaching = r.check(ATTACK)
    r.send(coaching.rewrite, draft=ATTACK, coaching=coaching)
    data = r.to_dict()
    resumed = Rehearsal.from_dict(data, OfflineEngine(seed=4))
    assert resumed.to_dict() == data
    assert resumed.history() == r.history()
    turn = resumed.send("Thank you for working with us.")
    assert turn.index == 3


def test_markdown_transcript() -> None:
    r = Rehearsal.start(SCENARIO, "defensive", OfflineEngine(seed=1))
    coaching = r.check(ATTACK)
    r.send(coaching.rewrite, draft=ATTACK, coaching=coaching)
    r.send("You complained after seven shipments.")
    md = r.to_markdown()
    assert SCENARIO.title in md and SCENARIO.persona.name in md
    assert r.opening in md
    for t in r.turns:
        assert t.user in md and t.client in md and f"Score: {t.review.score}/100" in md
    assert f"*Draft:* {ATTACK}" in md
    assert "five shipments" in md
    assert "## Advice" in md


def test_unknown_difficulty_is_refused() -> None:
    with pytest.raises(ValueError):
        Rehearsal.start(SCENARIO, "furious", OfflineEngine())


def test_a_line_that_is_not_english_is_not_sent_and_nothing_changes() -> None:
    from coach.rehearsal import LineNotEnglish

    r = Rehearsal.start(SCENARIO, "cooperative", OfflineEngine(seed=1))
    with pytest.raises(LineNotEnglish, match="English"):
        r.send("ਤੁਹਾਡਾ ਧੰਨਵਾਦ, ਅਸੀਂ ਤੁਹਾਡੇ ਨਾਲ ਕੰਮ ਕਰਕੇ ਖੁਸ਼ ਹਾਂ")
    assert r.turns == [] and r.mood == r.start_mood


def test_a_good_greeting_is_not_missing_four_steps() -> None:
    r = Rehearsal.start(SCENARIO, "cooperative", OfflineEngine(seed=1))
    turn = r.send("Hi Dana, thanks for making time today.")
    assert turn.review.score == 100 and not turn.review.missing
    assert r.next_step() == "appreciation"
    r.send(step(SCENARIO, 0))
    assert r.steps_covered()["appreciation"] and r.next_step() == "documented_facts"


def test_a_line_with_an_unfilled_placeholder_cannot_be_sent() -> None:
    from coach.rehearsal import LineHasPlaceholders

    r = Rehearsal.start(SCENARIO, "cooperative", OfflineEngine(seed=1))
    with pytest.raises(LineHasPlaceholders, match=r"\[name of another provider\]"):
        r.send("You may want to try [name of another provider] instead.")
    assert r.turns == []


def test_a_misstated_fact_costs_points_and_the_rewrite_corrects_it() -> None:
    incident = next(i for i in SCENARIO.incidents if i.date is not None)
    assert incident.date is not None
    right = format_date(incident.date)
    wrong_day = incident.date.replace(day=incident.date.day % 27 + 1)
    wrong = format_date(wrong_day)
    line = f"On {wrong}: {incident.summary}."
    r = Rehearsal.start(SCENARIO, "cooperative", OfflineEngine(seed=1))
    coaching = r.check(line)
    assert any(c.status == "misstated" for c in coaching.citations)
    assert right in coaching.rewrite and wrong not in coaching.rewrite
    turn = r.send(line)
    assert turn.review.score == 100 and turn.score is not None and turn.score < 100
    assert r.scorecard().average_score == turn.score


def test_coaching_suggests_the_next_step_from_the_record() -> None:
    r = Rehearsal.start(SCENARIO, "cooperative", OfflineEngine(seed=1))
    r.send(step(SCENARIO, 0))  # appreciation taken
    coaching = r.check("We have decided to stop the deliveries at the end of the month.")
    assert [s.step for s in coaching.suggestions] == ["documented_facts"]
    assert coaching.suggestions[0].options and not coaching.suggestions[0].placeholders


@pytest.mark.parametrize("line", ["Thank you\x00 for everything.", "x" * 150_000, "Thanks\x07"])
def test_a_line_that_is_not_plain_text_is_refused_and_not_stored(line: str) -> None:
    from coach.validation import InputError

    r = Rehearsal.start(SCENARIO, "cooperative", OfflineEngine(seed=1))
    with pytest.raises(InputError):
        r.send(line)
    assert r.turns == []


def test_advice_names_a_broken_company_rule_once() -> None:
    from coach.checking.profile import CustomRule, Profile

    rule = CustomRule(
        id="no_refund_promise",
        title="No refund promises",
        message="Never promise a refund without approval.",
        forbid=["promise a refund"],
    )
    r = Rehearsal.start(
        SCENARIO, "defensive", OfflineEngine(seed=1), profile=Profile(custom=[rule])
    )
    r.send("I promise a refund, and I promise a refund again.")
    r.send("Thank you for the years of business.")
    r.end()
    advice = r.scorecard().advice
    company = [a for a in advice if a.startswith("Company rule:")]
    assert company == ["Company rule: Never promise a refund without approval."]
    assert len(advice) == 3  # more than three things to improve: the three most useful


def test_advice_is_as_long_as_what_there_is_to_improve() -> None:
    r = Rehearsal.start(SCENARIO, "defensive", OfflineEngine(seed=1))
    r.send("Thank you for your business over the years, we really appreciate it.")
    card = r.scorecard()
    missing = [s for s, used in card.steps_used.items() if not used]
    assert len(card.advice) == min(3, len(missing))


def test_the_clients_open_question_is_said_and_counted_in_the_scorecard() -> None:
    scenario = SCENARIOS["abusive-to-staff-agency"]
    r = Rehearsal.start(scenario, "defensive", OfflineEngine(seed=3))
    r.send("Thank you for working with us; we really appreciate it.")
    r.send("I'm sorry it has come to this.")
    asked = r.open_question()
    assert asked == "what exactly we did to deserve this"
    r.send("I'd rather not go into it.")  # dodged
    card = r.scorecard()
    assert asked in card.questions["unanswered"]
    assert any("left open" in a and asked in a for a in card.advice)
    r2 = Rehearsal.start(scenario, "defensive", OfflineEngine(seed=3))
    r2.send("Thank you for working with us; we really appreciate it.")
    r2.send("I'm sorry it has come to this.")
    r2.send(good_user(scenario, r2.turns[-1].client, 2))  # answers with the record
    assert asked in r2.scorecard().questions["answered"]
    assert r2.open_question() != asked
