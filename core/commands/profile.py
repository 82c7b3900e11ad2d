"""`profile show` and `profile set`: the business profile from a script, checked as the
Business Profile dialog checks it."""
from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from core.commands import CommandError, add_db_option, add_wait_option, open_database

# (option, profile field, what it is) in the order `profile show` prints them.
OPTIONS = (
    ("--name", "name", "the business name cards and letters sign with"),
    ("--street", "street", "street and number"),
    ("--city", "city", "city or town"),
    ("--state", "state", "state, province or county"),
    ("--postal-code", "postal_code", "postal code"),
    ("--country", "region", "country code (GB, US, DE…): phone numbers and addresses"),
    ("--phone", "phone", "phone number"),
    ("--email", "email", "email address"),
    ("--signature-name", "signature_name", "who signs the cards"),
    ("--currency", "currency", "currency code (EUR, USD…)"),
    ("--locale", "locale", "language and country of dates and money (en_GB, de_DE…)"),
)


def register(subparsers: Any) -> None:
    profile = subparsers.add_parser("profile", help="the business profile")
    actions = profile.add_subparsers(dest="profile_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="print the business profile")
    add_db_option(show)
    show.set_defaults(handler=_show)
    change = actions.add_parser(
        "set", help="change the business profile (only the fields given)")
    for option, field, help_text in OPTIONS:
        change.add_argument(option, dest=field, metavar=_metavar(option), help=help_text)
    change.add_argument("--logo", type=Path, metavar="FILE.png",
                        help="the logo printed on cards and letters (PNG; 'none' removes it)")
    add_db_option(change)
    add_wait_option(change)
    change.set_defaults(handler=_set)


def _metavar(option: str) -> str:
    return {"--country": "CC", "--currency": "XXX", "--locale": "ll_CC"}.get(option, "TEXT")


def _show(args: argparse.Namespace) -> int:
    from core.settings.services import get_business_profile

    db = open_database(args)
    with db.unit_of_work() as session:
        profile = get_business_profile(session)
    from core.customers.types import format_phone

    for option, field, _help in OPTIONS:
        value = getattr(profile, field)
        if field == "phone" and value:
            value = format_phone(value, profile.region)
        print(f"{option[2:]:<15} {value or '-'}")
    print(f"{'logo':<15} {_logo_text(profile.logo_png)}")
    return 0


def _set(args: argparse.Namespace) -> int:
    from core.kernel.errors import Invalid
    from core.settings.services import get_business_profile, save_business_profile
    from core.settings.types import BusinessProfileData

    changes: dict[str, Any] = {field: getattr(args, field) for _o, field, _h in OPTIONS
                               if getattr(args, field) is not None}
    if args.logo is not None:
        changes["logo_png"] = None if str(args.logo).lower() == "none" else _read_logo(args.logo)
    if not changes:
        raise CommandError("nothing to change: give at least one of "
                           + ", ".join(option for option, _f, _h in OPTIONS) + ", --logo")
    if "name" in changes and not changes["name"].strip():
        raise CommandError("--name: the business name cannot be empty")
    db = open_database(args, writes=True)
    try:
        with db.unit_of_work() as session:
            profile: BusinessProfileData = dataclasses.replace(
                get_business_profile(session), **changes)
            saved = save_business_profile(session, profile)
    except Invalid as exc:
        raise CommandError(_problems_text(exc)) from exc
    print("saved: " + ", ".join(f"{_option(field)[2:]} {_shown(field, saved)}"
                                for field in changes))
    return 0


def _option(field: str) -> str:
    if field == "logo_png":
        return "--logo"
    return next(option for option, name, _h in OPTIONS if name == field)


def _shown(field: str, profile: Any) -> str:
    if field == "logo_png":
        return _logo_text(profile.logo_png)
    return repr(getattr(profile, field))


def _problems_text(exc: Any) -> str:
    """The dialog's checks, worded for a terminal: one clause per bad value."""
    words = {
        "invalid_choice": "not one Regulars knows",
        "invalid_email": "not an email address",
        "invalid_phone": "not a phone number",
    }
    return "; ".join(
        f"{_option(p.field)}: {words.get(p.code, p.code.replace('_', ' '))}"
        + (f" ({p.detail})" if p.detail else "") for p in exc.problems)


def _read_logo(path: Path) -> bytes:
    from core.settings.types import LOGO_MAX_BYTES, png_size

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"--logo: cannot read {path}: {exc.strerror}") from exc
    if png_size(data) is None:
        raise CommandError(f"--logo: {path} is not a PNG image")
    if len(data) > LOGO_MAX_BYTES:
        raise CommandError(f"--logo: {path} is larger than {LOGO_MAX_BYTES // 1_000_000} MB")
    return data


def _logo_text(png: bytes | None) -> str:
    from core.settings.types import png_size

    if not png:
        return "none"
    size = png_size(png)
    pixels = f"{size[0]}×{size[1]} " if size else ""
    return f"{pixels}PNG ({len(png) // 1000:,} KB)"
