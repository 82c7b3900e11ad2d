"""The declarative base every area's ORM models derive from (one metadata for Alembic)."""
from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
