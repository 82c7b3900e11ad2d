"""Satisfaction's words: scales, channels, answers, the figures and their formulas."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.kernel.errors import Problem
from core.scores.types import CSAT, EMAIL, IN_PERSON, NPS, PAPER, PHONE


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScoreTexts", text)


def scale_name(scale: str) -> str:
    return {NPS: _tr("Would recommend us (0–10)"),
            CSAT: _tr("How satisfied (1–5)")}.get(scale, scale)


def scale_short(scale: str) -> str:
    return {NPS: _tr("Recommend"), CSAT: _tr("Satisfied")}.get(scale, scale)


def channel_name(channel: str) -> str:
    return {PHONE: _tr("Phone call"), IN_PERSON: _tr("In person"),
            PAPER: _tr("Paper survey"), EMAIL: _tr("Email")}.get(channel, channel)


def answer_text(scale: str, score: int) -> str:
    """"9 out of 10", "2 out of 5"."""
    top = 10 if scale == NPS else 5
    return _tr("%1 out of %2").replace("%1", str(score)).replace("%2", str(top))


def mood_text(scale: str, score: int) -> str:
    """What an answer means, in a word."""
    if scale == NPS:
        if score >= 9:
            return _tr("Promoter")
        return _tr("Passive") if score >= 7 else _tr("Detractor")
    if score >= 4:
        return _tr("Satisfied")
    return _tr("Neutral") if score == 3 else _tr("Unhappy")


def mood_color(scale: str, score: int) -> str:
    """Green for happy, amber for in between, red for unhappy."""
    mood = mood_text(scale, score)
    if mood in (_tr("Promoter"), _tr("Satisfied")):
        return "#2e7d32"
    if mood in (_tr("Detractor"), _tr("Unhappy")):
        return "#c62828"
    return "#b26a00"


NPS_FORMULA = (
    "NPS = % promoters − % detractors, over every answer to “How likely are you to "
    "recommend us?” (0–10) in the last 90 days. Promoters answer 9 or 10, detractors 0 "
    "to 6; 7 and 8 count in the total only. It runs from −100 to +100. Answers to the "
    "satisfaction question are never counted in it.")
CSAT_FORMULA = (
    "CSAT = the share of answers to “How satisfied were you?” (1–5) in the last 90 days "
    "that are 4 (satisfied) or 5 (very satisfied). Answers to the recommend question are "
    "never counted in it.")


def nps_formula() -> str:
    return _tr(NPS_FORMULA)


def csat_formula() -> str:
    return _tr(CSAT_FORMULA)


def problem_text(problem: Problem) -> str:
    """A score the window could not record, field by field."""
    if problem.code == "out_of_range":
        lowest, _, highest = problem.detail.partition("-")
        return _tr("Choose a score from %1 to %2.").replace("%1", lowest).replace("%2", highest)
    if problem.code == "in_the_future":
        return _tr("The date is in the future.")
    if problem.code == "comment_too_long":
        return _tr("The comment is longer than %1 characters.").replace("%1", problem.detail)
    if problem.code == "question_too_long":
        return _tr("The question is longer than %1 characters.").replace("%1", problem.detail)
    return _tr("This value cannot be used (%1).").replace("%1", problem.field)
