"""Helpers for the AppTest tests: an app with an isolated database and an injected engine."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from coach.engines.base import Coaching, Engine
from coach.engines.offline import OfflineEngine
from coach.settings import Settings

APP = Path(__file__).resolve().parent.parent / "app.py"
TIMEOUT = 60


class RewritingEngine(OfflineEngine):
    """The offline client, with a fixed rewrite so the 'use the rewrite' flow is testable."""

    REWRITE = (
        "Thank you for working with us. On 2 April 2024 four emails reached the team, and I'm "
        "sorry we could not make this work. We will refund last month's fee, and I can "
        "recommend two agencies."
    )

    def coach(self, draft, review, scenario, record=None, wanted=None) -> Coaching:
        return Coaching(review=review, rewrite=self.REWRITE)


def settings_for(tmp_path: Path, **overrides: object) -> Settings:
    return Settings(coach_db_path=tmp_path / "app.db", **overrides)


def new_app(
    tmp_path: Path,
    engine: Engine | None = None,
    settings: Settings | None = None,
    query: dict[str, str] | None = None,
    browser: dict[str, str] | None = None,
) -> AppTest:
    """The app, with its database in tmp_path and a seeded engine, after its first run.
    `browser` is what this browser's cookies would give the session (e.g. its owner key)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.session_state["settings"] = settings or settings_for(tmp_path)
    at.session_state["engine"] = engine or OfflineEngine(seed=7)
    for key, value in (browser or {}).items():
        at.session_state[key] = value
    at.query_params.update(query or {})
    return at.run()


def button(at: AppTest, label: str):
    """The one button with this label (fails loudly if absent)."""
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r}; have {[b.label for b in at.button]}"
    return found[0]


def texts(at: AppTest) -> str:
    """Every markdown, caption, alert and HTML text on the page, joined (for assertions)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [a.value for a in (*at.warning, *at.error, *at.info, *at.success)]
    parts += [h.value for h in at.get("html")]
    return "\n".join(str(p) for p in parts)


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
