"""dockquiz: learn command lines from your own notes."""

__version__ = "0.1.0"
