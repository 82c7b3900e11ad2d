"""The list's "cards sent" filter: one choice per template under its title, told apart
where two share one ("Congratulations (wedding)"), named by its kind where it has none
("Letter"), each as "sent this year" and "not sent this year"."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QCoreApplication

_NOT_SENT = "!"  # a choice's data: "birthday" sent this year, "!birthday" not sent


class TemplateLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("SentFilter", text)


def _kind_name(kind: str) -> str:
    return {"card": _tr("Card"), "letter": _tr("Letter")}.get(kind, kind.capitalize())


def _detail(name: str) -> str:
    """What tells a template apart from another with the same title: the occasion its
    built-in name stands for ("wedding"), else its name in words ("spring promo")."""
    occasions = {
        "life-event-wedding": _tr("wedding"), "life-event-new-baby": _tr("new baby"),
        "life-event-retirement": _tr("retirement"), "life-event-graduation": _tr("graduation"),
        "life-event-other": _tr("other good news"), "birthday": _tr("birthday"),
        "thank-you": _tr("first visit"), "referral-thanks": _tr("referral"),
        "first-visit-anniversary": _tr("anniversary"), "milestone-10th-visit": _tr("10th visit"),
        "we-miss-you": _tr("lapsed customers"), "general-letter": _tr("general"),
    }
    return occasions.get(name, name.replace("-", " ").replace("_", " "))


def template_labels(templates: Sequence[TemplateLike]) -> list[tuple[str, str]]:
    """(template name, how people know it), each template once: its title, or its kind
    when it has none, with the occasion added where two would read the same."""
    plain = [(t.name, t.title.strip() or _kind_name(t.kind)) for t in templates]
    seen = Counter(label for _name, label in plain)
    return [(name, f"{label} ({_detail(name)})" if seen[label] > 1 else label)
            for name, label in dict(plain).items()]


def sent_choices(templates: Sequence[TemplateLike]) -> list[tuple[str, str]]:
    """(label, data) of the filter's choices after "Any cards sent": every template sent
    this year, then every template not sent this year."""
    labels = template_labels(templates)
    sent = [(_tr("“%s” sent this year") % label, name) for name, label in labels]
    missing = [(_tr("“%s” not sent this year") % label, _NOT_SENT + name)
               for name, label in labels]
    return sent + missing


def read_sent_choice(data: object) -> tuple[str, bool]:
    """(template name, whether the filter wants those NOT sent it) for a choice's data;
    ("", False) for no filter."""
    if not isinstance(data, str) or not data:
        return "", False
    if data.startswith(_NOT_SENT):
        return data[len(_NOT_SENT):], True
    return data, False
