"""Streamlit pages. Only this package and app.py import Streamlit; logic lives in coach/."""
