"""What the offline client wants to know before it lets go: a real client told the work is
ending asks why, what happens to the money, to its files, when it ends, to the work under
way and where to go next, and it notices when a question goes unanswered.

The agenda is read from the conversation itself (the client's questions and the user's
lines), so a chat model that only sees messages (`ChatOffline`) rebuilds the same state.
A topic counts as covered when a user line answers it, asked or not: a user who answers
before being asked is doing it right. The client accepts only after enough lines, with
enough covered and nothing left unanswered; how much is enough depends on the difficulty.
The questions and their answer words are data, in `prompts/personas/questions/`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from coach.checking.checker import Review, check
from coach.engines.base import Message
from coach.prompts import load_prompt, prompt_names
from coach.scenarios.schema import Difficulty
from coach.text.sentences import split_sentences

# The fewest user lines, and the fewest topics covered, before the client accepts.
MIN_TURNS = {Difficulty.COOPERATIVE: 3, Difficulty.DEFENSIVE: 4, Difficulty.HOSTILE: 6}
TOPICS_COVERED = {Difficulty.COOPERATIVE: 2, Difficulty.DEFENSIVE: 3, Difficulty.HOSTILE: 4}
# After this many lines read as attacks, the client ends the call: the escalation stage.
WALK_OUT_ATTACKS = {Difficulty.COOPERATIVE: 4, Difficulty.DEFENSIVE: 4, Difficulty.HOSTILE: 3}
QUESTIONS_DIR = "personas/questions/"


@dataclass(frozen=True)
class Topic:
    id: str
    ask: str  # how the client refers back to it: "what happens to our files"
    questions: tuple[str, ...]
    steps: frozenset[str]  # a user line taking one of these steps answers it
    words: re.Pattern[str] | None  # or a line using one of these words

    def answered_by(self, text: str, detected: frozenset[str]) -> bool:
        if self.steps & detected:
            return True
        return self.words is not None and self.words.search(text) is not None

    def asked_in(self, client_line: str) -> bool:
        return any(q in client_line for q in self.questions)


@cache
def topics() -> tuple[Topic, ...]:
    """The question topics, in the order a client raises them."""
    found = []
    for name in prompt_names():
        if not name.startswith(QUESTIONS_DIR):
            continue
        prompt = load_prompt(name)
        words = [re.escape(w) for w in prompt.meta.get("answered_by_words") or []]
        pattern = re.compile(rf"\b(?:{'|'.join(words)})\b", re.IGNORECASE) if words else None
        found.append(
            (
                int(prompt.meta.get("order", 99)),
                Topic(
                    id=str(prompt.meta["topic"]),
                    ask=str(prompt.meta["ask"]),
                    questions=tuple(v.render({}) for v in prompt.variants),
                    steps=frozenset(prompt.meta.get("answered_by_steps") or []),
                    words=pattern,
                ),
            )
        )
    return tuple(t for _, t in sorted(found, key=lambda pair: pair[0]))


@lru_cache(maxsize=2048)
def _review(text: str) -> Review:
    """A user line's review (cached: each earlier line is read again every turn)."""
    return check(text, mode="line")


def steps_in(text: str) -> frozenset[str]:
    return _review(text).found


@dataclass(frozen=True)
class Agenda:
    user_turns: int  # including the line being answered
    asked: tuple[str, ...]  # topic ids the client has asked, in order
    covered: frozenset[str]  # topic ids some user line answered
    open: Topic | None  # asked in the client's last line and not answered by this line
    answered_now: bool | None  # whether this line answered that question (None: none asked)
    attacks: int  # lines read as personal attacks so far, this one included

    def ready(self, difficulty: Difficulty) -> bool:
        """Whether the conversation has gone far enough for this client to accept."""
        return (
            self.open is None
            and self.user_turns >= MIN_TURNS[difficulty]
            and len(self.covered) >= TOPICS_COVERED[difficulty]
        )

    def walks_out(self, difficulty: Difficulty) -> bool:
        return self.attacks >= WALK_OUT_ATTACKS[difficulty]

    def next_question(self) -> Topic | None:
        """The first topic neither asked nor already covered."""
        return next(
            (t for t in topics() if t.id not in self.asked and t.id not in self.covered), None
        )


def read_agenda(history: Sequence[Message], draft: str, detected: frozenset[str]) -> Agenda:
    """The agenda after the user's `draft` (whose steps are `detected`), given the history."""
    asked: list[str] = []
    covered: set[str] = set()
    last_client = ""
    user_lines = [m.text for m in history if m.role == "user"]
    for m in history:
        if m.role == "client":
            last_client = m.text
            asked += [t.id for t in topics() if t.asked_in(m.text) and t.id not in asked]
    attacks = int("personal_attack" in detected)
    for line in user_lines:
        steps = steps_in(line)
        covered |= {t.id for t in topics() if t.answered_by(line, steps)}
        attacks += "personal_attack" in steps
    now = {t.id for t in topics() if t.answered_by(draft, detected)}
    covered |= now
    asked_last = [t for t in topics() if t.asked_in(last_client)]
    open_topic = next((t for t in asked_last if t.id not in now), None)
    answered_now = (open_topic is None) if asked_last else None
    return Agenda(
        len(user_lines) + 1, tuple(asked), frozenset(covered), open_topic, answered_now, attacks
    )


def offers_made(history: Sequence[Message], draft: str) -> list[str]:
    """The sentences in which the user offered goodwill, earliest first (the client holds
    them to it)."""
    out = []
    for text in [*(m.text for m in history if m.role == "user"), draft]:
        spans = [f.span for f in _review(text).findings if f.rule_id == "goodwill" and f.span]
        for sentence in split_sentences(text):
            if any(sentence.start <= a < sentence.end for a, _ in spans):
                out.append(sentence.text.strip())
    return out
