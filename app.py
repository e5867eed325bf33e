"""Streamlit entry point: page setup, navigation and the shared sidebar. Pages live in ui/."""

import streamlit as st

from ui import browser, common, nav

st.set_page_config(page_title="Client Exit Coach", page_icon="🤝", layout="wide")
page = st.navigation(nav.pages())
common.sidebar()
browser.sync_cookies()  # what the last run set before it stopped for a rerun
page.run()
browser.sync_cookies()  # what this run set
