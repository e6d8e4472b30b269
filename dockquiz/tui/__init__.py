"""Faces over the study session: the interactive terminal UI and the plain/JSON line modes."""
