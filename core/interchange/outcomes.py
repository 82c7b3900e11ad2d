"""What an import did with each row that did not simply become a new customer.

A row that matched a customer is skipped, fills that customer's empty fields or
overwrites them (`RowOutcome`, naming the customer). A row whose email or phone matched
a customer with a clearly different name (households share phones) is a possible
duplicate (`PossibleDuplicate`): it comes in as a new customer unless the owner said it is
the same person (ImportOptions.same_person), and is never merged silently.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.customers.types import display_name
from core.kernel.text import fold

SKIPPED, FILLED, OVERWRITTEN = "skipped", "filled", "overwritten"
# Imported as a new customer although its email or phone matched someone else.
KEPT_APART = "kept_apart"
OUTCOMES = (SKIPPED, FILLED, OVERWRITTEN, KEPT_APART)

PERSON_FIELDS = ("first_name", "last_name", "organisation", "email", "phone", "street",
                 "city", "postal_code")


@dataclass(frozen=True)
class Person:
    """What a row or a customer says about who they are: shown side by side."""

    first_name: str = ""
    last_name: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    street: str = ""
    city: str = ""
    postal_code: str = ""

    @classmethod
    def of(cls, values: dict[str, Any]) -> Person:
        return cls(*(str(values.get(name) or "") for name in PERSON_FIELDS))

    @property
    def name(self) -> str:
        return display_name(self.first_name, self.last_name, self.organisation) or self.email


@dataclass(frozen=True)
class PossibleDuplicate:
    """A row whose email or phone (`matched_on`) belongs to a customer with another name."""

    line: int
    matched_on: str  # "email" or "phone"
    row: Person  # the file's row, as it would be stored
    customer: Person  # the customer it matched
    customer_id: int | None  # None: a customer this import creates (`customer_line`)
    customer_line: int | None  # the line of the file that customer comes from
    same_person: bool  # the owner said so: the duplicate policy applied to it


@dataclass(frozen=True)
class RowOutcome:
    """A row that matched a customer (or was kept apart from one), and what happened."""

    line: int
    outcome: str  # one of OUTCOMES
    customer_id: int | None  # None only in a dry run's row matched earlier in the file
    customer_name: str
    matched_on: str = ""  # external_id, email, phone, name_postcode, name_address
    customer_line: int | None = None  # a customer this import created, from this line

    def stored(self) -> list[Any]:
        """As kept in the import history (ImportRun.row_outcomes)."""
        return [self.line, self.outcome, self.customer_id, self.customer_name,
                self.matched_on, self.customer_line]

    @classmethod
    def from_stored(cls, item: list[Any]) -> RowOutcome:
        padded: list[Any] = [*item, "", None]
        line, outcome, customer_id, name, matched_on, customer_line = padded[:6]
        return cls(int(line), str(outcome), customer_id, str(name), str(matched_on or ""),
                   customer_line)


def _tokens(text: str) -> list[str]:
    return fold(text).replace("-", " ").replace(".", " ").split()


def names_differ(first: Person, second: Person) -> bool:
    """Whether two people are clearly not the same by name: both have a personal name, and
    their given names start differently, or their family names share nothing while their
    given names are not the same either. "Dee Fox" and "Dorothea Fox" may be one person,
    and so may "Ann Lee" and "Ann Smith" (a new family name); "José Núñez" and "Donghyun
    Kim", or "María García" and "José García" of one household, are not. A contact known by
    organisation or email alone tells nothing."""
    if first.first_name == second.first_name and first.last_name == second.last_name:
        return False  # most matches: the same name exactly (and nothing to fold)
    a_first, a_last = _tokens(first.first_name), _tokens(first.last_name)
    b_first, b_last = _tokens(second.first_name), _tokens(second.last_name)
    if not (a_first or a_last) or not (b_first or b_last):
        return False
    if sorted(a_first + a_last) == sorted(b_first + b_last):
        return False  # the same words, perhaps in another order
    both_given = bool(a_first and b_first)
    if both_given and a_first[0][0] != b_first[0][0]:
        return True
    same_given = both_given and _share(a_first, b_first)
    return bool(a_last and b_last and not _share(a_last, b_last) and not same_given)


def _share(first: list[str], second: list[str]) -> bool:
    return any(a == b or a.startswith(b) or b.startswith(a) for a in first for b in second)


class OutcomeLog:
    """Collects, for one batch, what happened to the rows that matched someone."""

    def __init__(self, policy: str) -> None:
        self.changed = FILLED if policy == "fill" else OVERWRITTEN
        self._matched: list[tuple[int, str, tuple[str, int], str]] = []

    def matched(self, line: int, target: tuple[str, int], kind: str,
                changed: bool | None = False) -> None:
        """A row matched `target` (by `kind`); None: whether it changed it is told later."""
        self._matched.append((line, "" if changed is None else
                              self.changed if changed else SKIPPED, target, kind))

    def settle(self, lines: set[int], changed: bool) -> None:
        """Whether the rows at `lines` (told of with changed=None) changed their customer."""
        outcome = self.changed if changed else SKIPPED
        self._matched = [(line, outcome if line in lines and not told else told, target, kind)
                         for line, told, target, kind in self._matched]

    def finish(self, records: list[Any], people: dict[int, Person],
               possible: dict[int, tuple[tuple[str, int], str, bool]],
               new_index: dict[int, int], ids: list[int]
               ) -> tuple[list[RowOutcome], list[PossibleDuplicate]]:
        """The batch's outcomes, in line order, once its new customers have ids."""

        def who(target: tuple[str, int]) -> tuple[int | None, Person, int | None]:
            kind, number = target
            if kind == "db":
                return number, people.get(number, Person()), None
            earlier = records[number]
            place = new_index.get(number)
            return (ids[place] if place is not None and place < len(ids) else None,
                    Person.of(earlier.values), earlier.line)

        outcomes: list[RowOutcome] = []
        for line, outcome, target, kind in self._matched:
            customer_id, person, customer_line = who(target)
            outcomes.append(RowOutcome(line, outcome, customer_id, person.name, kind,
                                       customer_line))
        duplicates: list[PossibleDuplicate] = []
        for index, (target, kind, same) in possible.items():
            customer_id, person, customer_line = who(target)
            record = records[index]
            duplicates.append(PossibleDuplicate(record.line, kind, Person.of(record.values),
                                                person, customer_id, customer_line, same))
            if not same:
                outcomes.append(RowOutcome(record.line, KEPT_APART, customer_id, person.name,
                                           kind, customer_line))
        outcomes.sort(key=lambda outcome: outcome.line)
        duplicates.sort(key=lambda duplicate: duplicate.line)
        self._matched = []
        return outcomes, duplicates
