"""The declarative base every area's ORM models derive from (one metadata for Alembic)."""
from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Integer
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column


class Base(DeclarativeBase):
    pass


class Versioned:
    """A record a person edits. Its version goes up by one with every save through the ORM,
    and the UPDATE only applies while the version is still the one read (else SQLAlchemy
    raises StaleDataError): two desks saving the same record at the same moment cannot both
    win. Editors keep the version they opened (core.kernel.edits).

    `edited_fields` names the values a person edits: a save that changes one leaves a line
    in the record's history of changes (core.desks.audit). Statistics, search keys and the
    version that move with them are not news to anyone."""

    edited_fields: ClassVar[tuple[str, ...]] = ()

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1,
                                         server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}
