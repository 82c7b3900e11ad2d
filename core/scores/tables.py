"""The scores area's tables, as SQLAlchemy Core tables, for other areas' set-based reads
(the program's detractor and promoter rules select answers straight from them)."""
from __future__ import annotations

from typing import cast

from sqlalchemy import Table

from core.scores.models import Score, SurveyCard

SCORES = cast(Table, Score.__table__)
SURVEY_CARDS = cast(Table, SurveyCard.__table__)
