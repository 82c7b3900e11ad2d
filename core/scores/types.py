"""The small frozen dataclasses and words-free constants of the scores area.

A score is one answer to one question on one of two scales, never mixed:
- NPS, 0–10, "how likely are you to recommend us": promoters answer 9–10, detractors 0–6;
- CSAT, 1–5, "how satisfied were you": satisfied answers are 4–5, unhappy ones 1–2.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NPS = "nps"
CSAT = "csat"
SCALES = (NPS, CSAT)
# The lowest and highest answer of each scale.
SCALE_RANGE = {NPS: (0, 10), CSAT: (1, 5)}

PHONE, IN_PERSON, PAPER, EMAIL = "phone", "in_person", "paper", "email"
CHANNELS = (PHONE, IN_PERSON, PAPER, EMAIL)

# The question each scale asks unless the shop words its own. Stored with every answer,
# so that a reworded question never changes what an old answer meant.
DEFAULT_QUESTIONS = {
    NPS: "How likely are you to recommend us to a friend or colleague?",
    CSAT: "How satisfied were you with your last visit?",
}

PROMOTER_LOWEST = 9  # NPS 9–10
DETRACTOR_HIGHEST = 6  # NPS 0–6
CSAT_SATISFIED_LOWEST = 4  # CSAT 4–5 counts as satisfied
CSAT_UNHAPPY_HIGHEST = 2  # CSAT 1–2 is unhappy (the detractor rule calls them)

FIGURES_DAYS = 90  # the Listening page's period
CODE_LENGTH = 6  # a paper survey card's code


def normalize_code(text: str) -> str:
    """A survey card's code as stored: upper case, without dashes or spaces."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def show_code(code: str) -> str:
    """A survey card's code as printed: "K7Q-3MX"."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if len(code) == CODE_LENGTH else code


def is_detractor(scale: str, score: int) -> bool:
    """An answer that calls for a call back: NPS 0–6, or CSAT 1–2."""
    if scale == NPS:
        return score <= DETRACTOR_HIGHEST
    return score <= CSAT_UNHAPPY_HIGHEST


def is_promoter(scale: str, score: int) -> bool:
    """Only NPS has promoters (9–10)."""
    return scale == NPS and score >= PROMOTER_LOWEST


@dataclass(frozen=True)
class ScoreDraft:
    """One answer to record. An empty question means the scale's default question."""

    scale: str
    score: int
    answered_on: dt.date
    channel: str = PHONE
    comment: str = ""
    question: str = ""


@dataclass(frozen=True)
class ScoreRow:
    id: int
    customer_id: int
    customer_name: str
    scale: str
    score: int
    question: str
    channel: str
    answered_on: dt.date
    comment: str
    survey_code: str = ""  # the paper survey card it was typed back from

    def draft(self) -> ScoreDraft:
        return ScoreDraft(self.scale, self.score, self.answered_on, self.channel,
                          self.comment, self.question)


@dataclass(frozen=True)
class NpsFigure:
    """NPS = % promoters (9–10) − % detractors (0–6), over NPS answers only."""

    answers: int
    promoters: int
    passives: int
    detractors: int

    @property
    def score(self) -> int | None:
        """−100 to 100, rounded; None without answers."""
        if not self.answers:
            return None
        return round(100 * (self.promoters - self.detractors) / self.answers)


@dataclass(frozen=True)
class CsatFigure:
    """CSAT = % of CSAT answers that are 4 or 5 (satisfied or very satisfied)."""

    answers: int
    satisfied: int
    unhappy: int

    @property
    def score(self) -> int | None:
        """0 to 100, rounded; None without answers."""
        if not self.answers:
            return None
        return round(100 * self.satisfied / self.answers)


@dataclass(frozen=True)
class Figures:
    """Both figures over the same days (first and last included)."""

    first: dt.date
    last: dt.date
    nps: NpsFigure
    csat: CsatFigure


@dataclass(frozen=True)
class SurveyCardRow:
    """A printed paper survey card: whose, which question, and its answer once typed in."""

    id: int
    code: str  # as printed: "K7Q-3MX"
    customer_id: int
    customer_name: str
    scale: str
    question: str
    printed_on: dt.date
    score_id: int | None = None
