"""Page script: see ui/rehearse.py."""

from ui.rehearse import render

render()
