"""Streamlit entry point (placeholder until the app issue lands)."""

import streamlit as st

st.set_page_config(page_title="Client Exit Coach", page_icon="🤝", layout="wide")
st.title("Client Exit Coach")
st.write("The app is being built. Use the `coach` command meanwhile.")
