"""The app's pages, defined once so app.py and page-to-page links agree.

Each page is a tiny script under `ui/pages/` that calls its module's `render()`; file
pages (rather than callables) let `st.switch_page` and `AppTest.switch_page` address them.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.navigation.page import StreamlitPage


@dataclass(frozen=True)
class PageDef:
    name: str
    title: str
    icon: str

    @property
    def path(self) -> str:
        return f"ui/pages/{self.name}.py"


REHEARSE = PageDef("rehearse", "Rehearse a call", ":material/record_voice_over:")
REVIEW = PageDef("review", "Review an email", ":material/mail:")
ASSESS = PageDef("assess", "Should I let this client go?", ":material/balance:")
WORKSHOP = PageDef("workshop", "Workshop", ":material/groups:")
DASHBOARD = PageDef("dashboard", "Trainer dashboard", ":material/monitoring:")
ALL = (REHEARSE, REVIEW, ASSESS, WORKSHOP, DASHBOARD)


def pages() -> list[StreamlitPage]:
    """The navigation list; Rehearse is the default page."""
    return [
        st.Page(p.path, title=p.title, icon=p.icon, url_path=p.name, default=p is REHEARSE)
        for p in ALL
    ]


def go(page: PageDef) -> None:
    """Open another page (stops the current run)."""
    st.switch_page(page.path)
