"""Page: workshop (placeholder)."""

import streamlit as st


def render() -> None:
    st.info("This page is being built.")
