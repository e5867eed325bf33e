"""Page script: see ui/review.py."""

from ui.review import render

render()
