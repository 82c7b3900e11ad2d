"""The printing area's plain values: who a batch goes to, who is left out and why.

Light on purpose (no SQLAlchemy, no reportlab): the command line's and the window's
wording import these codes at start-up.
"""
from __future__ import annotations

from dataclasses import dataclass

# Why a recipient was left out.
NO_ADDRESS = "no_address"
NO_MAIL = "no_mail"
NOT_FOUND = "not_found"  # an id that is not a live customer
ALREADY_SENT = "already_sent"  # printed or sent the same template this calendar year
ALREADY_PRINTED = "already_printed"  # a due card printed and waiting to be marked sent
NO_TEMPLATE = "no_template"  # a due card whose template is not among the templates

# InvalidSelection codes
EMPTY_SELECTION = "empty_selection"
UNKNOWN_TAG = "unknown_tag"
UNKNOWN_STAGE = "unknown_stage"
AMBIGUOUS_SELECTION = "ambiguous_selection"


@dataclass(frozen=True)
class RecipientSelection:
    """Exactly one of: explicit customer ids, a tag, a stage, or everyone."""

    customer_ids: tuple[int, ...] = ()
    tag: str = ""
    stage: str = ""
    everyone: bool = False


@dataclass(frozen=True)
class Recipient:
    customer_id: int | None
    name: str
    values: tuple[tuple[str, str], ...]
    address: tuple[str, ...]  # the lines of the envelope or label, name first
    # In a batch of several templates (Today's due cards): this one's template ("" is the
    # batch's own), and the program's action it makes.
    template: str = ""
    action_id: int | None = None

    def value_map(self) -> dict[str, str]:
        return dict(self.values)


@dataclass(frozen=True)
class Skipped:
    customer_id: int
    name: str
    reason: str


# One-page forms (a testimonial release, a consent): what the engine lays out under the
# business's letterhead. Every string is plain text, escaped on its way to the page.
@dataclass(frozen=True)
class FormText:
    text: str  # blank lines separate paragraphs
    small: bool = False


@dataclass(frozen=True)
class FormHeading:
    text: str


@dataclass(frozen=True)
class FormQuote:
    """Words quoted exactly, in a box, under a small label."""

    text: str
    label: str = ""


@dataclass(frozen=True)
class FormChoices:
    """Empty tick boxes for the signer, one per option, in `columns` columns."""

    label: str
    options: tuple[str, ...]
    columns: int = 1
    hint: str = ""  # "tick one", beside the label


@dataclass(frozen=True)
class FormFields:
    """Labelled values; an empty value prints a line to write on."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FormParty:
    """One signer: a heading ("Customer"), the printed name if known, and lines for the
    name, the signature and the date."""

    heading: str
    name: str = ""


@dataclass(frozen=True)
class FormSignatures:
    parties: tuple[FormParty, ...]


FormBlock = FormText | FormHeading | FormQuote | FormChoices | FormFields | FormSignatures


@dataclass(frozen=True)
class FormDocument:
    """One form of one page: a title, its blocks in order, and a reference printed in the
    footer (so a returned scan can be matched to its record)."""

    title: str
    blocks: tuple[FormBlock, ...]
    reference: str = ""
