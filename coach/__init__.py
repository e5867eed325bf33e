"""Client Exit Coach: check, rewrite and rehearse the end of a customer relationship."""

__version__ = "0.1.0"
