"""ORM models of the settings area: the business profile (one row) and declared sections."""
from __future__ import annotations

from sqlalchemy import LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.store.base import Base, Versioned


class BusinessProfile(Versioned, Base):
    __tablename__ = "business_profile"
    edited_fields = (
        "name", "street", "city", "state", "postal_code", "country", "phone", "email",
        "logo_png", "signature_name", "region", "locale", "currency")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    street: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(200), default="", server_default="")
    postal_code: Mapped[str] = mapped_column(String(40), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    signature_name: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(2), default="US")  # default phone region
    locale: Mapped[str] = mapped_column(String(20), default="en_US")
    currency: Mapped[str] = mapped_column(String(3), default="USD")


class SettingsSection(Versioned, Base):
    """One declared settings section (core.settings.types), its fields as a JSON object.
    Versioned like a record, though its saves leave no line in a customer's history."""

    __tablename__ = "settings_sections"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="{}")
