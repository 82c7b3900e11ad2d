"""The printing area's errors, as data. Not-found uses the kernel's NotFound("batch", id)
and NotFound("template", name); template and selection problems use its Problem shape."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.kernel.errors import Invalid, Problem, RegularsError

if TYPE_CHECKING:
    from core.printing.types import Skipped


@dataclass(frozen=True)
class TemplateProblem(Problem):
    """A Problem in a template: `field` is the merge field (when there is one), `part`
    the template part (title, body, name, kind, format_name), `position` the character
    offset in that part."""

    part: str = ""
    position: int = -1


class InvalidTemplate(Invalid):
    """The template has problems; nothing was stored."""

    problems: tuple[TemplateProblem, ...]

    def __init__(self, problems: Sequence[TemplateProblem]) -> None:
        super().__init__(problems)


class InvalidSelection(Invalid):
    """The recipients cannot be chosen: `code` says why (recipients.EMPTY_SELECTION, ...)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__([Problem("selection", code, detail)])
        self.code = code
        self.detail = detail

    def __reduce__(self) -> tuple[object, ...]:
        return InvalidSelection, (self.code, self.detail)


class NoRecipients(RegularsError):
    """Nobody in the selection can be mailed; `skipped` says why for each."""

    def __init__(self, skipped: tuple[Skipped, ...]) -> None:
        super().__init__(f"no recipients ({len(skipped)} skipped)")
        self.skipped = skipped


class NothingToReprint(RegularsError):
    def __init__(self, batch_id: int) -> None:
        super().__init__(f"batch {batch_id} has no spoiled items")
        self.batch_id = batch_id


class BatchNotInterrupted(RegularsError):
    """Only an interrupted batch can be printed again onto its own record; `state` is
    what the batch is instead (printing, printed)."""

    def __init__(self, batch_id: int, state: str) -> None:
        super().__init__(f"batch {batch_id} is {state}")
        self.batch_id = batch_id
        self.state = state

    def __reduce__(self) -> tuple[object, ...]:
        return BatchNotInterrupted, (self.batch_id, self.state)


class UnknownFormat(RegularsError):
    """No page format or label sheet has this name; `known` lists those that do."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        super().__init__(f"{name!r}; known: {', '.join(known)}")
        self.name = name
        self.known = known


class FormatMismatch(RegularsError):
    """A template of `template_kind` cannot be printed on a format of `format_kind`."""

    def __init__(self, template_kind: str, format_name: str, format_kind: str) -> None:
        super().__init__(f"{template_kind} template on {format_name} ({format_kind})")
        self.template_kind = template_kind
        self.format_name = format_name
        self.format_kind = format_kind


class InvalidStartPosition(RegularsError):
    def __init__(self, start: int, per_page: int) -> None:
        super().__init__(f"start {start} not in 1..{per_page}")
        self.start = start
        self.per_page = per_page


class FontMissing(RegularsError):
    """A bundled font file is not where the installation put it."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class IncompleteBusinessProfile(RegularsError):
    """What is to be printed uses business profile fields that are empty: `fields` names
    them (BusinessProfileData's field names, in the profile's order), so that the person
    can be taken to the first. Nothing was printed or recorded."""

    def __init__(self, fields: Sequence[str]) -> None:
        super().__init__(f"business profile incomplete: {', '.join(fields)}")
        self.fields = tuple(fields)

    def __reduce__(self) -> tuple[object, ...]:
        return IncompleteBusinessProfile, (self.fields,)
