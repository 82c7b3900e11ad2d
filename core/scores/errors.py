"""The scores area's problem codes and errors. Validation uses the kernel's shapes:
NotFound("customer", id), NotFound("score", id), Invalid([Problem(field, code, detail)])."""
from __future__ import annotations

from core.kernel.errors import RegularsError

__all__ = [
    "COMMENT_TOO_LONG", "IN_THE_FUTURE", "OUT_OF_RANGE", "QUESTION_TOO_LONG",
    "UNKNOWN_CHANNEL", "UNKNOWN_SCALE", "SurveyAlreadyAnswered", "UnknownSurveyCode",
]

# Problem codes (Problem.code) of a score draft; front ends word them.
UNKNOWN_SCALE = "unknown_scale"  # field "scale"; detail: the scale given
OUT_OF_RANGE = "out_of_range"  # field "score"; detail: "lowest-highest" of its scale
UNKNOWN_CHANNEL = "unknown_channel"  # field "channel"; detail: the channel given
IN_THE_FUTURE = "in_the_future"  # field "answered_on"; detail: the date given
COMMENT_TOO_LONG = "comment_too_long"  # field "comment"; detail: the longest allowed
QUESTION_TOO_LONG = "question_too_long"  # field "question"; detail: the longest allowed

MAX_COMMENT = 2000
MAX_QUESTION = 300


class UnknownSurveyCode(RegularsError):
    """No printed survey card carries this code (a typo, or a card from another shop)."""

    def __init__(self, code: str) -> None:
        super().__init__(f"no survey card {code!r}")
        self.code = code

    def __reduce__(self) -> tuple[object, ...]:
        return UnknownSurveyCode, (self.code,)


class SurveyAlreadyAnswered(RegularsError):
    """This card's answer was typed in already (as score `score_id`)."""

    def __init__(self, code: str, score_id: int) -> None:
        super().__init__(f"survey card {code} was answered already (score {score_id})")
        self.code = code
        self.score_id = score_id

    def __reduce__(self) -> tuple[object, ...]:
        return SurveyAlreadyAnswered, (self.code, self.score_id)
