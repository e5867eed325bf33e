"""Page script: see ui/assess.py."""

from ui.assess import render

render()
