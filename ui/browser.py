"""What this browser holds between visits, and the key its attempts are counted under.

Secrets that keep a user signed in (the owner key of the rehearsals this browser starts, a
trainee's workshop token) live in the session and in a cookie of this site, never in the
address bar, where projectors, screen shares and shared-PC history would show them. The
cookie is written by a line of script (Streamlit cannot set cookies itself) and read back
from the request when the page is reloaded."""

from __future__ import annotations

import json
import secrets

import streamlit as st

from coach.ownership import new_owner_key, valid_owner_key
from coach.rate_limits import client_key
from coach.store.engine import Store
from coach.workshops import AccessDenied, Trainee, trainee
from ui import common

OWNER_KEY, OWNER_COOKIE = "owner_key", "coach_owner"
TRAINEE_KEY, TRAINEE_COOKIE = "workshop_token", "coach_trainee"
RATE_KEY = "rate_key"
COOKIE_MAX_AGE_S = 365 * 24 * 3600


def owner_key() -> str:
    """This browser's owner key (made on first use)."""
    key = _held(OWNER_KEY, OWNER_COOKIE)
    if not key:
        key = st.session_state[OWNER_KEY] = new_owner_key()
    return key


def trainee_token() -> str | None:
    """The workshop token this browser signed in with, if any (checked by the caller)."""
    return _held(TRAINEE_KEY, TRAINEE_COOKIE) or None


def sign_in_trainee(token: str) -> None:
    st.session_state[TRAINEE_KEY] = token.strip()


def sign_out_trainee() -> None:
    st.session_state[TRAINEE_KEY] = ""


def signed_in_trainee(store: Store) -> tuple[Trainee | None, str | None]:
    """The trainee signed in on this browser and, if their token no longer works (the
    workshop ended, the trainer revoked it), why; a dead token is forgotten."""
    token = trainee_token()
    if token is None:
        return None, None
    try:
        return trainee(store, token), None
    except AccessDenied as exc:
        sign_out_trainee()
        return None, str(exc)


def rate_key() -> str:
    """Attempts are counted per trusted client address when a proxy depth is configured,
    else per browser session (plus an overall cap in the limiter)."""
    session = st.session_state.setdefault(RATE_KEY, secrets.token_hex(16))
    forwarded = st.context.headers.get("X-Forwarded-For")
    hops = forwarded if isinstance(forwarded, str) else None
    return client_key(hops, common.settings().coach_trusted_proxy_depth, session)


def sync_cookies() -> None:
    """Make this site's cookies match what the session holds. Called before and after the
    page: a value set in a run that stopped for a rerun is written at the start of the
    next, so the cookie is in place before the page is even drawn."""
    for session_key, cookie in ((OWNER_KEY, OWNER_COOKIE), (TRAINEE_KEY, TRAINEE_COOKIE)):
        if session_key not in st.session_state:
            continue
        value = str(st.session_state[session_key])
        if value and not valid_owner_key(value):
            continue  # only values this app made go into a cookie
        if value == _cookie(cookie):
            continue
        max_age = COOKIE_MAX_AGE_S if value else 0
        line = json.dumps(f"{cookie}={value}; path=/; max-age={max_age}; SameSite=Strict")
        with st.sidebar:
            st.html(f"<script>document.cookie = {line};</script>", unsafe_allow_javascript=True)


def _held(session_key: str, cookie: str) -> str:
    """The session's value, first read from this browser's cookie ("" for none or one this
    app could not have written)."""
    if session_key not in st.session_state:
        value = _cookie(cookie)
        st.session_state[session_key] = value if valid_owner_key(value) else ""
    return str(st.session_state[session_key])


def _cookie(name: str) -> str:
    """The cookie this request carried ("" when absent, or outside a browser request)."""
    value = st.context.cookies.get(name)
    return value if isinstance(value, str) else ""
