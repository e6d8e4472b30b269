"""Progress: one learner's figures (``figures``), a class's (``classroom``), the SQL that
differs between SQLite and PostgreSQL (``dialect``), and their rendering (``report``)."""

from dockquiz.progress.classroom import class_report
from dockquiz.progress.figures import MASTERY_HORIZON, compute, recall_constants, streak

__all__ = ["class_report", "compute", "recall_constants", "streak", "MASTERY_HORIZON"]
