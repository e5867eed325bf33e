"""Page script: see ui/workshop.py."""

from ui.workshop import render

render()
