"""A rehearsal session, UI-free: the CLI and the Streamlit app both drive this object.

One turn: the checker reviews what the user sends, the citation check compares its facts
with the incident log, the client's mood moves, and the engine writes the client's reply.
If the engine fails outright the offline engine stands in, so the user's text is never
lost. An optional recorder sees every turn the moment it happens (storage saves it).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from coach.checking.checker import Review, check
from coach.checking.profile import Profile
from coach.checking.rules import RULES_BY_ID, STEP_IDS
from coach.citations import CitationCheck, check_citations, record_for
from coach.engines.base import (
    ClientReply,
    Coaching,
    Engine,
    Message,
    Mood,
    ReplyContext,
    RuleVerdict,
    TokenSink,
    Usage,
)
from coach.engines.client_agenda import read_agenda, topics
from coach.engines.offline import OfflineEngine
from coach.mood import start_mood, update_mood
from coach.scenarios.schema import Difficulty, Scenario
from coach.types import Record
from coach.validation import validate_text

FORMAT_VERSION = 1


class RehearsalFinished(Exception):
    """A turn was sent after the rehearsal ended."""


class LineNotEnglish(ValueError):
    """A line the checks cannot read; it is not sent, so nothing unscored is stored."""


class LineHasPlaceholders(ValueError):
    """A line with an unfilled [placeholder] is not sent: fill it in first."""


MISSTATED_PENALTY = 15  # points a line loses for each detail that contradicts the record


def line_score(review: Review, citations: Sequence[CitationCheck]) -> int | None:
    """A line's score: the checker's, less the details it misstates against the record."""
    if review.score is None:
        return None
    misstated = sum(c.status == "misstated" for c in citations)
    return max(0, review.score - MISSTATED_PENALTY * misstated)


class Recorder(Protocol):
    """Observer told about a rehearsal as it happens (the store saves each turn at once).

    A recorder that raises does not break the rehearsal: the error becomes a notice.
    """

    def on_start(self, rehearsal: Rehearsal) -> None: ...

    def on_turn(self, rehearsal: Rehearsal, turn: Turn) -> None: ...

    def on_end(self, rehearsal: Rehearsal) -> None: ...


@dataclass
class Turn:
    """One exchange: what the user sent (and drafted, if they changed it after coaching),
    its review and citation checks, the client's reply and mood after it."""

    index: int
    user: str
    client: str
    review: Review
    citations: list[CitationCheck]
    mood: Mood
    accepted: bool = False
    walked_out: bool = False
    draft: str | None = None
    coaching: Coaching | None = None
    engine: str = "offline"
    usage: Usage = field(default_factory=Usage)
    notices: list[str] = field(default_factory=list)
    at: str = field(default_factory=lambda: _now())

    @property
    def score(self) -> int | None:
        return line_score(self.review, self.citations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "score": self.score,
            "user": self.user,
            "draft": self.draft,
            "client": self.client,
            "review": self.review.to_dict(),
            "citations": [c.to_dict() for c in self.citations],
            "mood": _mood_dict(self.mood),
            "accepted": self.accepted,
            "walked_out": self.walked_out,
            "coaching": _coaching_dict(self.coaching),
            "engine": self.engine,
            "usage": _usage_dict(self.usage),
            "notices": list(self.notices),
            "at": self.at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], profile: Profile | None = None) -> Turn:
        """Rebuild a saved turn; the review is re-derived from the sent text."""
        review = check(data["user"], profile, mode="line")
        coaching = data.get("coaching")
        return cls(
            index=int(data["index"]),
            user=data["user"],
            client=data["client"],
            review=review,
            citations=[CitationCheck.from_dict(c) for c in data.get("citations", [])],
            mood=Mood(**data["mood"]),
            accepted=bool(data.get("accepted", False)),
            walked_out=bool(data.get("walked_out", False)),
            draft=data.get("draft"),
            coaching=_coaching_from(coaching, data.get("draft") or data["user"], profile)
            if coaching
            else None,
            engine=data.get("engine", "offline"),
            usage=Usage(**data.get("usage", {})),
            notices=list(data.get("notices", [])),
            at=data.get("at", _now()),
        )


@dataclass(frozen=True)
class Scorecard:
    """How the rehearsal went: per turn, per rule over the whole conversation, and advice.

    `rules[rule_id]` counts the turns in which the rule was present (steps) or violated
    (attacks); `overall_score` scores everything the user said as one message, so steps
    spread over several turns count; `advice` is the three most useful next steps."""

    per_turn: list[dict[str, Any]]
    rules: dict[str, int]
    steps_used: dict[str, bool]
    attack_turns: int
    citations: dict[str, int]
    average_score: int
    overall_score: int
    accepted: bool
    advice: list[str]
    outcome: str = "open"
    questions: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "per_turn": self.per_turn,
            "rules": dict(self.rules),
            "steps_used": dict(self.steps_used),
            "attack_turns": self.attack_turns,
            "citations": dict(self.citations),
            "average_score": self.average_score,
            "overall_score": self.overall_score,
            "accepted": self.accepted,
            "outcome": self.outcome,
            "questions": {k: list(v) for k, v in self.questions.items()},
            "advice": list(self.advice),
        }


class Rehearsal:
    """A rehearsal in progress. Create with `start()` (or `from_dict()` to resume)."""

    def __init__(
        self,
        scenario: Scenario,
        difficulty: Difficulty,
        engine: Engine,
        *,
        recorder: Recorder | None = None,
        profile: Profile | None = None,
        rehearsal_id: str | None = None,
    ) -> None:
        self.id = rehearsal_id or uuid.uuid4().hex
        self.scenario = scenario
        self.difficulty = Difficulty(difficulty)
        self.engine = engine
        self.recorder = recorder
        self.profile = profile
        self.opening = ""
        self.start_mood = start_mood(scenario.difficulties[self.difficulty].mood)
        self.mood = self.start_mood
        self.turns: list[Turn] = []
        self.usage = Usage()
        self.notices: list[str] = []
        # Why the last save failed (None: everything so far is stored, or nothing records).
        self.save_error: str | None = None
        self.accepted = False
        self.ended = False
        self.started_at = _now()
        self.ended_at: str | None = None
        self._fallback: Engine | None = None

    # -- lifecycle -------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        difficulty: Difficulty | str,
        engine: Engine,
        recorder: Recorder | None = None,
        *,
        profile: Profile | None = None,
        rehearsal_id: str | None = None,
    ) -> Rehearsal:
        """Begin a rehearsal: the client opens in character."""
        if Difficulty(difficulty) not in scenario.difficulties:
            raise ValueError(f"scenario {scenario.id!r} has no {difficulty!s} level")
        self = cls(
            scenario,
            Difficulty(difficulty),
            engine,
            recorder=recorder,
            profile=profile,
            rehearsal_id=rehearsal_id,
        )
        reply = self._guarded(lambda e: e.opening(scenario, self.difficulty))
        self.opening = reply.text
        self._absorb(reply)
        self._notify("on_start")
        return self

    @property
    def finished(self) -> bool:
        """The client accepted or the user ended it. After an acceptance more turns may
        still be sent (a scripted run plays every line); after `end()` none can."""
        return self.accepted or self.ended

    @property
    def walked_out(self) -> bool:
        """The client ended the call (too many lines read as attacks)."""
        return any(t.walked_out for t in self.turns)

    @property
    def outcome(self) -> str:
        if self.accepted:
            return "accepted"
        if self.walked_out:
            return "the client ended the call"
        return "ended" if self.ended else "open"

    def end(self) -> None:
        """Stop the rehearsal (idempotent); the recorder hears about it once."""
        if self.ended:
            return
        self.ended = True
        self.ended_at = _now()
        self._notify("on_end")

    # -- turns -----------------------------------------------------------------------

    def check(self, draft: str) -> Coaching:
        """Coach a draft without sending it: no state changes."""
        review = check(draft, self.profile, mode="line")
        citations = check_citations(draft, self.scenario)
        wanted = tuple(step for step, done in self.steps_covered().items() if not done)
        coaching = self._guarded_coach(draft, review, record_for(self.scenario, citations), wanted)
        coaching.citations = citations
        return coaching

    def send(
        self,
        text: str,
        draft: str | None = None,
        on_token: TokenSink | None = None,
        coaching: Coaching | None = None,
    ) -> Turn:
        """Send a line to the client and get the reply.

        `draft` is what the user first wrote when they sent something else (e.g. the
        rewrite); `coaching` is the advice they saw, kept with the turn for the transcript.
        """
        if self.ended:
            raise RehearsalFinished(f"rehearsal {self.id} has ended")
        validate_text(text)  # NUL, control characters, over-long lines: refused, not stored
        ctx = reply_context(
            self.scenario, self.difficulty, self.history(), text, self.mood, self.profile
        )
        if not ctx.review.english:
            raise LineNotEnglish(ctx.review.language_notice)
        if ctx.review.placeholders:
            slots = ", ".join(text[s:e] for s, e in ctx.review.placeholders)
            raise LineHasPlaceholders(f"Fill in {slots} before sending this line.")
        reply = self._guarded(lambda e: e.client_reply(ctx, on_token))
        turn = Turn(
            index=len(self.turns) + 1,
            user=text,
            client=reply.text,
            review=ctx.review,
            citations=list(ctx.citations),
            mood=ctx.mood,
            accepted=reply.accepted,
            walked_out=reply.walked_out,
            draft=draft if draft is not None and draft != text else None,
            coaching=coaching,
            engine=reply.engine,
            usage=reply.usage,
            notices=list(reply.notices),
        )
        if coaching is not None:
            self.usage.add(coaching.usage)
        self.turns.append(turn)
        self.mood = ctx.mood
        self._absorb(reply)
        self.accepted = self.accepted or reply.accepted  # before saving: a reload stays finished
        if notice := self._notify("on_turn", turn):
            turn.notices.append(notice)
        if reply.walked_out:
            self.end()  # the client hung up: nothing more can be sent
        return turn

    def history(self) -> tuple[Message, ...]:
        """The conversation so far, the client's opening first."""
        out = [Message("client", self.opening)] if self.opening else []
        for t in self.turns:
            out += [Message("user", t.user), Message("client", t.client)]
        return tuple(out)

    # -- results ---------------------------------------------------------------------

    def steps_covered(self, upto: int | None = None) -> dict[str, bool]:
        """Which of the five steps the call has taken so far (or in its first `upto`
        turns), in the order of the five steps."""
        turns = self.turns if upto is None else self.turns[:upto]
        return {rid: any(t.review.detected.get(rid) for t in turns) for rid in STEP_IDS}

    def next_step(self, upto: int | None = None) -> str | None:
        """The first of the five steps the call has not taken yet."""
        covered = self.steps_covered(upto)
        return next((rid for rid, done in covered.items() if not done), None)

    def open_question(self) -> str | None:
        """The practical question the client's last line asked, if any ("what happens to
        our files and records"): the user's next line should answer it."""
        if self.finished:
            return None
        agenda = read_agenda(self.history(), "", frozenset())
        return agenda.open.ask if agenda.open else None

    def questions(self) -> dict[str, list[str]]:
        """The client's practical questions in this call: those answered and those left
        open (asked and never answered by a later line)."""
        agenda = read_agenda(self.history(), "", frozenset())
        asks = {t.id: t.ask for t in topics()}
        return {
            "answered": [asks[a] for a in agenda.asked if a in agenda.covered],
            "unanswered": [asks[a] for a in agenda.asked if a not in agenda.covered],
        }

    def scorecard(self) -> Scorecard:
        per_turn = [
            {
                "index": t.index,
                "score": t.score,
                "detected": dict(t.review.detected),
                "steps_so_far": [r for r, on in self.steps_covered(t.index).items() if on],
                "next_step": self.next_step(t.index),
                "mood": _mood_dict(t.mood),
                "citations": _citation_counts([t]),
            }
            for t in self.turns
        ]
        rules = {
            rid: sum(bool(t.review.detected.get(rid)) for t in self.turns) for rid in RULES_BY_ID
        }
        steps_used = {rid: rules[rid] > 0 for rid in STEP_IDS}
        overall = check("\n\n".join(t.user for t in self.turns), self.profile)
        scores = [t.score for t in self.turns if t.score is not None]
        misstated = sum(c.status == "misstated" for t in self.turns for c in t.citations)
        return Scorecard(
            per_turn=per_turn,
            rules=rules,
            steps_used=steps_used,
            attack_turns=rules.get("personal_attack", 0),
            citations=_citation_counts(self.turns),
            average_score=round(sum(scores) / len(scores)) if scores else 0,
            overall_score=max(0, (overall.score or 0) - MISSTATED_PENALTY * misstated)
            if self.turns
            else 0,
            accepted=self.accepted,
            advice=self._advice(steps_used, rules.get("personal_attack", 0), overall),
            outcome=self.outcome,
            questions=self.questions(),
        )

    def _advice(self, steps_used: dict[str, bool], attack_turns: int, overall: Review) -> list[str]:
        """The three most useful pieces of advice: attacks first, then company-rule breaches,
        then wrong facts, then the steps never used, in the order of the five steps."""
        out: list[str] = []
        if attack_turns:
            rule = RULES_BY_ID["personal_attack"]
            out.append(
                f"{rule.suggestion or rule.message or rule.title} "
                f"({attack_turns} of {len(self.turns)} turns read as a personal attack.)"
            )
        company = {f.rule_id: f.message for f in overall.violations if f.rule_id not in RULES_BY_ID}
        out += [f"Company rule: {message}" for message in company.values()]
        wrong = [c for t in self.turns for c in t.citations if c.status != "accurate"]
        if wrong:
            out.append(f"Cite the record exactly: {wrong[0].message}")
        if unanswered := self.questions()["unanswered"]:
            out.append(
                "Answer the client's practical questions; left open: "
                + "; ".join(f"{q}?" for q in unanswered)
            )
        for rid, used in steps_used.items():
            if not used:
                rule = RULES_BY_ID[rid]
                out.append(rule.suggestion or rule.why or rule.title)
        return out[:3]

    def to_markdown(self) -> str:
        """The transcript with coaching, for a download."""
        s, card = self.scenario, self.scorecard()
        lines = [
            f"# Rehearsal: {s.title}",
            "",
            f"- Client: {s.persona.name}, {s.persona.role} at {s.persona.company}",
            f"- Difficulty: {self.difficulty.value}",
            f"- Started: {self.started_at}",
            f"- Outcome: {self.outcome}",
            f"- Overall score: {card.overall_score}/100 (average per turn {card.average_score})",
            "",
            f"**{s.persona.name}:** {self.opening}",
            "",
        ]
        for t in self.turns:
            lines += [f"## Turn {t.index}", ""]
            if t.draft is not None:
                lines += [f"*Draft:* {t.draft}", ""]
            lines += [f"**You:** {t.user}", ""]
            lines += [f"- Score: {t.score}/100"]
            present = [rid for rid, on in t.review.detected.items() if on]
            lines += [f"- Detected: {', '.join(present) or 'nothing'}"]
            if (step := self.next_step(t.index)) is not None:
                lines += [f"- Next step: {RULES_BY_ID[step].title}"]
            lines += [f"- Facts: {c.message}" for c in t.citations]
            if t.coaching and t.coaching.rewrite and t.coaching.rewrite != t.user:
                lines += [f"- Suggested rewrite: {t.coaching.rewrite}"]
            lines += [f"- Notice: {n}" for n in t.notices]
            mood = t.mood
            lines += [
                f"- Client mood: anger {mood.anger}, trust {mood.trust}, "
                f"readiness {mood.readiness}",
                "",
                f"**{s.persona.name}:** {t.client}",
                "",
            ]
        if card.advice:
            lines += ["## Advice", ""] + [f"{i}. {a}" for i, a in enumerate(card.advice, 1)]
        return "\n".join(lines).rstrip() + "\n"

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "id": self.id,
            "scenario_id": self.scenario.id,
            "scenario": self.scenario.model_dump(mode="json"),
            "difficulty": self.difficulty.value,
            "engine": self.engine.name,
            "opening": self.opening,
            "start_mood": _mood_dict(self.start_mood),
            "mood": _mood_dict(self.mood),
            "turns": [t.to_dict() for t in self.turns],
            "notices": list(self.notices),
            "usage": _usage_dict(self.usage),
            "accepted": self.accepted,
            "ended": self.ended,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
        }

    @classmethod
    def from_dict(
        cls,
        data: dict[str, Any],
        engine: Engine,
        recorder: Recorder | None = None,
        *,
        profile: Profile | None = None,
    ) -> Rehearsal:
        """Resume a saved rehearsal (no recorder callbacks fire for what is restored)."""
        scenario = Scenario.model_validate(data["scenario"])
        self = cls(
            scenario,
            Difficulty(data["difficulty"]),
            engine,
            recorder=recorder,
            profile=profile,
            rehearsal_id=data["id"],
        )
        self.opening = data.get("opening", "")
        self.start_mood = Mood(**data.get("start_mood", _mood_dict(self.start_mood)))
        self.turns = [Turn.from_dict(t, profile) for t in data.get("turns", [])]
        self.mood = Mood(**data["mood"]) if "mood" in data else self.start_mood
        self.notices = list(data.get("notices", []))
        self.usage = Usage(**data.get("usage", {}))
        # Rows saved before the state carried the acceptance still have it on the turn.
        self.accepted = bool(data.get("accepted", False)) or any(t.accepted for t in self.turns)
        self.ended = bool(data.get("ended", False))
        self.started_at = data.get("started_at", self.started_at)
        self.ended_at = data.get("ended_at")
        return self

    # -- internals -------------------------------------------------------------------

    def _guarded(self, call: Callable[[Engine], ClientReply]) -> ClientReply:
        """Run an engine call; if the engine raises, the offline engine answers instead."""
        try:
            reply: ClientReply = call(self.engine)
        except Exception as exc:
            reply = call(self._offline())
            reply.notices.append(
                f"The {self.engine.name} engine failed ({type(exc).__name__}); "
                "the offline client answered this turn."
            )
        return reply

    def _guarded_coach(
        self, draft: str, review: Review, record: Record, wanted: tuple[str, ...]
    ) -> Coaching:
        try:
            return self.engine.coach(draft, review, self.scenario, record, wanted)
        except Exception as exc:
            coaching = self._offline().coach(draft, review, self.scenario, record, wanted)
            coaching.notices.append(
                f"The {self.engine.name} engine failed ({type(exc).__name__}); "
                "offline coaching is shown."
            )
            return coaching

    def _offline(self) -> Engine:
        if self._fallback is None:
            self._fallback = OfflineEngine()
        return self._fallback

    def _absorb(self, reply: ClientReply) -> None:
        self.usage.add(reply.usage)
        self.notices.extend(reply.notices)

    def _notify(self, event: str, *args: Any) -> str | None:
        """Tell the recorder; a failure is kept in `save_error` and returned as a notice
        (added to the rehearsal's notices once while the same failure repeats)."""
        if self.recorder is None:
            return None
        try:
            getattr(self.recorder, event)(self, *args)
        except Exception as exc:
            reason = str(exc) or type(exc).__name__
            notice = f"Could not save the rehearsal: {reason}."
            if reason != self.save_error:
                self.notices.append(notice)
            self.save_error = reason
            return notice
        return None


def reply_context(
    scenario: Scenario,
    difficulty: Difficulty,
    history: tuple[Message, ...],
    text: str,
    mood: Mood,
    profile: Profile | None = None,
) -> ReplyContext:
    """What an engine needs to answer `text`: its review and citation checks, and the mood
    they move the client to. Shared by `Rehearsal.send` and the offline chat model, which
    rebuilds a conversation's state from its messages."""
    review = check(text, profile, mode="line")
    citations = check_citations(text, scenario)
    answered = read_agenda(history, text, review.found).answered_now
    return ReplyContext(
        scenario=scenario,
        difficulty=difficulty,
        history=history,
        draft=text,
        review=review,
        mood=update_mood(mood, review, citations, difficulty, answered),
        citation_notes=tuple(c.message for c in citations if c.status != "accurate"),
        citations=tuple(citations),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _mood_dict(mood: Mood) -> dict[str, int]:
    return {"anger": mood.anger, "trust": mood.trust, "readiness": mood.readiness}


def _usage_dict(usage: Usage) -> dict[str, Any]:
    return {
        "requests": usage.requests,
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "largest_prompt_tokens": usage.largest_prompt_tokens,
        "approximate": usage.approximate,
        "cost_usd": usage.cost_usd,
    }


def _citation_counts(turns: list[Turn]) -> dict[str, int]:
    out = {"accurate": 0, "misstated": 0, "unknown": 0}
    for t in turns:
        for c in t.citations:
            out[c.status] += 1
    return out


def _coaching_dict(coaching: Coaching | None) -> dict[str, Any] | None:
    if coaching is None:
        return None
    return {
        "rewrite": coaching.rewrite,
        "judge": [
            {"rule_id": v.rule_id, "present": v.present, "evidence": v.evidence}
            for v in coaching.judge
        ],
        "disagreements": list(coaching.disagreements),
        "notices": list(coaching.notices),
        "usage": _usage_dict(coaching.usage),
    }


def _coaching_from(data: dict[str, Any], draft: str, profile: Profile | None) -> Coaching:
    return Coaching(
        review=check(draft, profile, mode="line"),
        rewrite=data.get("rewrite", ""),
        judge=[RuleVerdict(**v) for v in data.get("judge", [])],
        disagreements=list(data.get("disagreements", [])),
        usage=Usage(**data.get("usage", {})),
        notices=list(data.get("notices", [])),
    )
