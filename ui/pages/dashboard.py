"""Page script: see ui/dashboard.py."""

from ui.dashboard import render

render()
