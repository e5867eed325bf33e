"""Token cost of a 50-turn rehearsal with the OpenAI engine against the local fake server.

Each turn is coached (the judge's verdicts, then a rewrite when the line needs one: every
line here does) and then answered (one client request), so 3 requests a turn, 2 for a line
that needs no rewrite. The figures show the per-turn prompt size levelling off under
COACH_MAX_PROMPT_TOKENS instead of growing with the conversation. Prompt sizes are counted
by the server itself; "judge" is the larger of the turn's two judge requests.
"""

from __future__ import annotations

from coach.checking.checker import check
from coach.engines.base import Message, ReplyContext, Usage
from coach.engines.offline import OfflineEngine
from coach.engines.openai_engine import OpenAIEngine
from coach.mood import start_mood
from coach.scenarios.library import load_scenarios
from coach.scenarios.schema import Difficulty
from coach.settings import Settings
from tests.fake_openai_server import FakeOpenAIServer

TURNS = 50
REPORT_AT = (1, 10, 25, 35, 50)
BUDGETS = (3000, 1200)  # the default COACH_MAX_PROMPT_TOKENS, and a tight one
LINES = (
    "Thank you for working with us over the past three years; we have valued the business.",
    "You contacted us after each of the last five shipments to say the order was not "
    "satisfactory, so it seems we are not doing a good enough job of keeping you happy.",
    "We will cancel the last invoice, INV-2207, because you should not pay for an "
    "experience that did not make you happy.",
    "I'm sorry it did not work out; we like to think our service suits everyone, but it "
    "did not in this case.",
    "You may want to try GreenLeaf Wholesale or Harbor Fresh Produce; one of them may serve "
    "you better now, and I can help with the handover.",
)
CLIENT_REPLY = (
    "I hear what you are saying, but I have been a loyal customer for years and I expected "
    "far better than this. Explain to me again why you think this is the right decision."
)


def run(budget: int = 3000) -> dict[str, object]:
    """Play the rehearsal straight through the engine (so no early acceptance cuts it short)."""
    scenario = next(iter(load_scenarios().values()))
    level = scenario.difficulties[Difficulty.DEFENSIVE]
    settings = Settings(
        _env_file=None,
        openai_api_key="sk-bench",
        coach_model="gpt-4o-mini",
        coach_max_prompt_tokens=budget,
    )
    server = FakeOpenAIServer(client_reply=lambda _req: CLIENT_REPLY)
    usage = Usage()
    history: list[Message] = [Message("client", level.opening)]
    per_turn: list[tuple[int, int, int]] = []  # (requests, judge prompt, client prompt)
    engines: list[str] = []
    with server.running():
        settings = settings.model_copy(update={"openai_base_url": server.base_url})
        engine = OpenAIEngine(settings, OfflineEngine(seed=1))
        for i in range(TURNS):
            before = len(server.requests)
            line = LINES[i % len(LINES)]
            review = check(line)
            usage.add(engine.coach(line, review, scenario).usage)
            ctx = ReplyContext(
                scenario, Difficulty.DEFENSIVE, tuple(history), line, review, start_mood(level.mood)
            )
            reply = engine.client_reply(ctx)
            usage.add(reply.usage)
            engines.append(reply.engine)
            history += [Message("user", line), Message("client", reply.text)]
            made = server.requests[before:]
            judge = max((r.prompt_tokens for r in made if r.is_judge), default=0)
            client = max((r.prompt_tokens for r in made if not r.is_judge), default=0)
            per_turn.append((len(made), judge, client))
    return {
        "turns": TURNS,
        "budget": budget,
        "requests": len(server.requests),
        "requests_per_turn": sorted({n for n, _, _ in per_turn}),
        "largest_prompt": max(r.prompt_tokens for r in server.requests),
        "total_prompt_tokens": usage.prompt_tokens,
        "total_completion_tokens": usage.completion_tokens,
        "client_prompt_at": {t: per_turn[t - 1][2] for t in REPORT_AT},
        "judge_prompt_at": {t: per_turn[t - 1][1] for t in REPORT_AT},
        "fell_back": sum(e != "openai" for e in engines),
    }


def main() -> None:
    for budget in BUDGETS:
        report(run(budget))


def report(f: dict[str, object]) -> None:
    print(f"{f['turns']}-turn rehearsal, COACH_MAX_PROMPT_TOKENS={f['budget']}")
    print(
        f"  requests: {f['requests']} ({f['requests_per_turn']} per turn: verdicts + rewrite "
        "+ client)"
    )
    print(f"  largest prompt: {f['largest_prompt']} tokens (budget {f['budget']})")
    print(
        f"  total tokens: {f['total_prompt_tokens']} prompt + "
        f"{f['total_completion_tokens']} completion"
    )
    client_at, judge_at = f["client_prompt_at"], f["judge_prompt_at"]
    assert isinstance(client_at, dict) and isinstance(judge_at, dict)
    for t in REPORT_AT:
        print(f"  turn {t:>2}: client prompt {client_at[t]:>5} tokens, judge {judge_at[t]:>4}")
    print(f"  turns answered by the offline fallback: {f['fell_back']}")


if __name__ == "__main__":
    main()
