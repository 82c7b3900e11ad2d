"""Settings sections, declared once (Picard-style): a frozen dataclass whose field
defaults are the defaults, registered under a stable key.

Adding a section is a few lines in the area that reads it:

    @settings_section("program_timings")
    @dataclass(frozen=True)
    class ProgramTimings:
        postage_days: int = 3

and `get_settings(session, ProgramTimings)` / `save_settings(session, timings)` (in
core.settings.services) read and store it. Sections are stored as one JSON object per key;
a section with a table of its own (the business profile) registers its own load and save.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, is_dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from core.kernel.errors import RegularsError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

S = TypeVar("S")


@dataclass(frozen=True)
class SectionInfo:
    key: str
    # None: stored as JSON in the settings_sections table.
    load: Callable[[Session], Any] | None = None
    save: Callable[[Session, Any], Any] | None = None


SECTIONS: dict[type, SectionInfo] = {}


class UnknownSection(RegularsError, LookupError):
    """A class that was never declared with `settings_section` (a programming error)."""

    def __init__(self, section: type) -> None:
        super().__init__(section.__qualname__)
        self.section = section


def settings_section(key: str) -> Callable[[type[S]], type[S]]:
    """Declare a frozen dataclass as the settings section stored under `key`."""

    def declare(cls: type[S]) -> type[S]:
        register_section(cls, key)
        return cls

    return declare


def register_section(cls: type, key: str, *, load: Callable[[Session], Any] | None = None,
                     save: Callable[[Session, Any], Any] | None = None) -> None:
    """`settings_section`, for a section that keeps its own storage (`load` and `save`)."""
    if not is_dataclass(cls):
        raise TypeError(f"{cls.__qualname__} is not a dataclass")
    if any(info.key == key and other is not cls for other, info in SECTIONS.items()):
        raise ValueError(f"settings key {key!r} is declared twice")
    SECTIONS[cls] = SectionInfo(key, load, save)


def section_info(cls: type) -> SectionInfo:
    try:
        return SECTIONS[cls]
    except KeyError:
        raise UnknownSection(cls) from None


@dataclass(frozen=True)
class BusinessProfileData:
    """Who is thanking the customers (a section with its own table: core.settings.profile)."""

    name: str = ""
    street: str = ""
    city: str = ""
    postal_code: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    logo_png: bytes | None = None
    signature_name: str = ""
    region: str = "US"  # the country its phone numbers are read in (a code)
    locale: str = "en_US"
    currency: str = "USD"
    state: str = ""  # state, province or county: "OR" in "Portland, OR 97205"


LOGO_MAX_BYTES = 5_000_000  # a logo for print; the window scales larger ones down


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG (from its header), or None when `data` is not a PNG."""
    if len(data) < 24 or not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
