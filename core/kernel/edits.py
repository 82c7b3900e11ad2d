"""Saving an edit that another desk may have overtaken (optimistic concurrency).

Every record a person edits carries a version that each save raises by one. An editor keeps
the version and the values it opened with (the base). When it saves and the stored version
has moved on, someone else saved in between: the two edits are merged field by field, as a
three-way merge over the base. Fields only one side changed take that side's value, so
edits to different fields never ask a question. Fields both sides changed to different
values raise `EditConflict`, carrying both versions, and nothing is written: the person
chooses.

Records are frozen dataclasses (a customer's draft, a template's text...), compared field by
field; what a field holds does not matter as long as it compares by value.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from core.kernel.errors import RegularsError

Record = TypeVar("Record")


class SavedMeanwhile(RegularsError):
    """Another desk saved the same record between this save's read and its write (the
    version no longer matched): nothing was written, and saving again merges or shows the
    conflict."""


def changed_fields(before: Any, after: Any, *, ignore: Sequence[str] = ()) -> tuple[str, ...]:
    """The fields of two versions of one record whose values differ, in declaration order."""
    return tuple(f.name for f in dataclasses.fields(before)
                 if f.name not in ignore and getattr(before, f.name) != getattr(after, f.name))


class EditConflict(RegularsError, Generic[Record]):
    """Someone else saved `kind` `record_id` since this edit began, and changed some of the
    same fields differently. Nothing was written. `theirs` is what is stored now (at
    `version`); `their_fields` all they changed, `clashing` those both changed."""

    def __init__(self, kind: str, record_id: int | str, base: Record, mine: Record,
                 theirs: Record, version: int) -> None:
        self.kind, self.record_id, self.version = kind, record_id, version
        self.base, self.mine, self.theirs = base, mine, theirs
        self.their_fields = changed_fields(base, theirs)
        mine_changed = set(changed_fields(base, mine))
        self.clashing = tuple(name for name in self.their_fields if name in mine_changed
                              and getattr(mine, name) != getattr(theirs, name))
        super().__init__(f"{kind} {record_id} was changed elsewhere: {', '.join(self.clashing)}")

    def __reduce__(self) -> tuple[object, ...]:
        return type(self), (self.kind, self.record_id, self.base, self.mine, self.theirs,
                            self.version)

    def resolved(self, choices: dict[str, str]) -> Record:
        """The record saved after the person chose, for each clashing field, "mine" or
        "theirs" (unchosen fields keep theirs); fields only one side changed merge as usual."""
        merged = merge_edits(self.base, self.mine, self.theirs, ignore=self.clashing)
        mine_wins = {name: getattr(self.mine, name) for name in self.clashing
                     if choices.get(name) == "mine"}
        return dataclasses.replace(merged, **mine_wins)  # type: ignore[type-var]


def merge_edits(base: Record, mine: Record, theirs: Record, *,
                ignore: Sequence[str] = ()) -> Record:
    """What is stored (`theirs`) with the fields this edit changed from `base` put in, leaving
    out `ignore`d fields (those stay as stored)."""
    ours = {name: getattr(mine, name) for name in changed_fields(base, mine)
            if name not in ignore}
    return dataclasses.replace(theirs, **ours)  # type: ignore[type-var]


def checked_edit(kind: str, record_id: int | str, *, base: Record | None,
                 base_version: int | None, mine: Record, theirs: Record,
                 version: int) -> Record:
    """The record to save: `mine` when nobody saved since the edit began (or the caller
    keeps no base), else the three-way merge with what is stored. Raises EditConflict when
    both changed a field differently."""
    if base is None or base_version is None or base_version == version:
        return mine
    conflict = EditConflict(kind, record_id, base, mine, theirs, version)
    if conflict.clashing:
        raise conflict
    return merge_edits(base, mine, theirs)
