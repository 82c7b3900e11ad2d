"""Phone numbers in E.164 form, with phonenumbers, and a shortcut for plainly written ones.

`phonenumbers.parse` costs 20-50 us: it looks for extensions, letters, dialling prefixes,
trunk prefixes and carrier codes, whatever the input. An import of 100,000 customers
spends more time there than anywhere else. Most numbers are plain digits with spaces,
dashes, dots or brackets, and for those the result is known without the search, as long
as no prefix could apply. The shortcut takes that case and hands everything else to
`phonenumbers.parse`. tests/core/test_phone_parsing.py checks
that both give the same answer on generated numbers for every region.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber

_FORMATTING = (" ", "-", ".", "(", ")", "/")
_MIN_NATIONAL, _MAX_NATIONAL = 2, 17  # phonenumbers' own limits on a national number
_prefix_patterns: dict[str, re.Pattern[str] | None] = {}


def _prefix(pattern: str | None) -> re.Pattern[str] | None:
    """A metadata prefix pattern (trunk or international prefix), compiled once."""
    if not pattern:
        return None
    compiled = _prefix_patterns.get(pattern)
    if compiled is None:
        compiled = _prefix_patterns[pattern] = re.compile(pattern)
    return compiled


class _Prefixes(NamedTuple):
    """National numbers the shortcut leaves to phonenumbers: those starting with one of
    `literal` (tested with one startswith) or matching one of `patterns`."""

    literal: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]

    def refuse(self, national: str) -> bool:
        return national.startswith(self.literal) or bool(self.patterns) and any(
            p.match(national) for p in self.patterns)


def _prefixes(*patterns: str | None) -> _Prefixes:
    """Metadata prefix patterns; plain digits (most of them: "011", "1") need no regex."""
    literal = tuple(dict.fromkeys(p for p in patterns if p and p.isdigit()))
    compiled = tuple(c for p in patterns if p and not p.isdigit() if (c := _prefix(p)))
    return _Prefixes(literal, compiled)


class _RegionPlan(NamedTuple):
    """What the shortcut needs to know about numbers written without "+" in a region."""

    metadata: PhoneMetadata
    country_code: int
    # The calling code typed without "+", a leading zero (kept in Italy), an international
    # prefix (00, 011, ...) or a trunk prefix: the full parse decides what to strip.
    refused: _Prefixes


@functools.lru_cache(maxsize=64)
def _region_plan(region: str) -> _RegionPlan | None:
    metadata = PhoneMetadata.metadata_for_region(region.upper(), None) if region else None
    if metadata is None or metadata.country_code is None:
        return None
    return _RegionPlan(metadata, metadata.country_code, _prefixes(
        str(metadata.country_code), "0", metadata.international_prefix,
        metadata.national_prefix_for_parsing))


@functools.lru_cache(maxsize=1024)
def _country_code_size(digits: str) -> tuple[int, int] | None:
    """The calling code at the start of `digits` (up to three of them) and its length."""
    # Calling codes are prefix-free, so the first one found is the only one.
    for size in (1, 2, 3):
        code = int(digits[:size])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            return code, size
    return None


@functools.lru_cache(maxsize=64)
def _calling_code_plan(country_code: int) -> tuple[PhoneMetadata, _Prefixes] | None:
    """The numbering plan of a calling code, and the national numbers left to the full
    parse: a leading zero is kept (Italy) or a trunk prefix stripped (most countries)."""
    main_region = phonenumbers.region_code_for_country_code(country_code)
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, main_region)
    if metadata is None:
        return None
    return metadata, _prefixes("0", metadata.national_prefix_for_parsing)


def _plain_number(value: str, region: str) -> tuple[int, str, PhoneMetadata] | None:
    """Calling code, national number and numbering plan as `phonenumbers.parse` would find
    them, or None when not sure."""
    compacted = value
    for mark in _FORMATTING:
        compacted = compacted.replace(mark, "")
    international = compacted.startswith("+")
    body = compacted[1:] if international else compacted
    if not (body.isascii() and body.isdigit()):
        return None
    if international:
        split = _country_code_size(body[:3])
        if split is None:
            return None
        country_code, size = split
        national = body[size:]
        found = _calling_code_plan(country_code)
        if found is None or not _MIN_NATIONAL <= len(national) <= _MAX_NATIONAL:
            return None
        metadata, refused = found
        return None if refused.refuse(national) else (country_code, national, metadata)
    plan = _region_plan(region)
    if plan is None or not _MIN_NATIONAL <= len(body) <= _MAX_NATIONAL or \
            plan.refused.refuse(body):
        return None
    return plan.country_code, body, plan.metadata


def e164(value: str, region: str) -> str:
    """The number in E.164 form; raises ValueError unless it is a possible number.

    "Possible" (the right length for its country) rather than "valid": allocation tables
    lag behind reality, and refusing a customer's real number is worse than a rare typo.
    """
    plain = _plain_number(value, region) if len(value) <= 40 else None
    if plain is not None:
        country_code, national, _ = plain
        if _possible_length(country_code, national):
            return f"+{country_code}{national}"
        raise ValueError("not a possible number for its region")
    try:
        number = phonenumbers.parse(value, region or None)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(str(exc)) from exc
    if not phonenumbers.is_possible_number(number):
        raise ValueError("not a possible number for its region")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


_possible_cache: dict[tuple[int, int], bool] = {}


def _possible_length(country_code: int, national: str) -> bool:
    """`phonenumbers.is_possible_number` for a number without leading zeros: it depends
    only on the calling code and the length, so each pair is asked once."""
    key = (country_code, len(national))
    found = _possible_cache.get(key)
    if found is None:
        number = PhoneNumber(country_code=country_code, national_number=int(national))
        found = _possible_cache[key] = phonenumbers.is_possible_number(number)
    return found
