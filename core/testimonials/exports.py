"""Use only what is released: the testimonials a channel may use, and writing them as an
HTML snippet, CSV or JSON.

A testimonial is offered for a channel only while its release is signed, not expired on
the day of the export, and covers the channel; each shows the customer's name in the form
the release allows and, when there was an incentive, the disclosure line. Everything else
is listed as left out, with the reason.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import json
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.customers.types import display_name
from core.interchange.services import neutralise, write_atomically
from core.kernel.errors import Invalid, Problem
from core.testimonials.errors import INVALID_CHOICE
from core.testimonials.models import Testimonial
from core.testimonials.queries import release_problem
from core.testimonials.records import scope_of
from core.testimonials.texts import ANONYMOUS_NAME, disclosure, name_as_allowed
from core.testimonials.types import (
    CHANNELS,
    ExportItem,
    ExportPlan,
    LeftOutTestimonial,
)

HTML, CSV, JSON = "html", "csv", "json"
FORMATS = (HTML, CSV, JSON)
CSV_COLUMNS = ("quote", "name", "rating", "date", "disclosure")


def plan_export(session: Session, channel: str, *, today: dt.date) -> ExportPlan:
    """The testimonials of live customers that `channel` may use on `today`, newest
    first, and those left out with why. Reads only; raises Invalid for an unknown channel."""
    if channel not in CHANNELS:
        raise Invalid([Problem("channel", INVALID_CHOICE, channel)])
    c = CUSTOMERS.c
    query = (select(Testimonial, c.first_name, c.last_name, c.organisation, c.email)
             .join(CUSTOMERS, c.id == Testimonial.customer_id)
             .where(c.deleted_at.is_(None))
             .order_by(Testimonial.given_on.desc(), Testimonial.id.desc()))
    items: list[ExportItem] = []
    left_out: list[LeftOutTestimonial] = []
    for t, first, last, organisation, email in session.execute(query):
        scope = scope_of(t)
        reason = release_problem(t.release_state, t.release_until, scope, channel, today)
        if reason or scope is None:
            name = display_name(first, last, organisation) or email
            left_out.append(LeftOutTestimonial(t.id, name, reason))
            continue
        items.append(ExportItem(
            testimonial_id=t.id, quote=t.edited_words or t.words,
            name=name_as_allowed(first, last, organisation, scope.naming),
            rating=t.rating, given_on=t.given_on, disclosure=disclosure(t.incentive)))
    return ExportPlan(channel, today, tuple(items), tuple(left_out))


def format_of(path: Path) -> str:
    """html, csv or json from the file's ending; raises Invalid otherwise."""
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = HTML if suffix == "htm" else suffix
    if suffix not in FORMATS:
        raise Invalid([Problem("file", INVALID_CHOICE, suffix or str(path))])
    return suffix


def write_export(plan: ExportPlan, path: Path) -> int:
    """Write the plan's testimonials to `path` (its ending chooses the format), safely
    (temp file, then rename). Returns how many were written."""
    kind = format_of(path)
    if kind == CSV:
        write_atomically(path, lambda handle: _write_csv(plan, handle),
                         encoding="utf-8-sig", newline="")
    else:
        text = html_snippet(plan) if kind == HTML else json_text(plan)
        write_atomically(path, lambda handle: handle.write(text), encoding="utf-8")
    return len(plan.items)


def _write_csv(plan: ExportPlan, handle: IO[str]) -> None:
    writer = csv.writer(handle)
    writer.writerow(CSV_COLUMNS)
    for item in plan.items:
        writer.writerow([neutralise(item.quote), neutralise(item.name or ANONYMOUS_NAME),
                         "" if item.rating is None else item.rating,
                         item.given_on.isoformat(), neutralise(item.disclosure)])


def json_text(plan: ExportPlan) -> str:
    return json.dumps({
        "channel": plan.channel, "exported_on": plan.today.isoformat(),
        "testimonials": [
            {"quote": item.quote, "name": item.name or None, "rating": item.rating,
             "date": item.given_on.isoformat(), "disclosure": item.disclosure or None}
            for item in plan.items],
    }, ensure_ascii=False, indent=2) + "\n"


def html_snippet(plan: ExportPlan) -> str:
    """A block to paste into a web page: every value escaped, no script, no styles that
    reach outside it (class names only, for the site's own stylesheet)."""
    def text(value: str) -> str:
        return html.escape(value, quote=True).replace("\n", "<br>\n")

    parts = ['<section class="testimonials">']
    for item in plan.items:
        parts.append('  <figure class="testimonial">')
        parts.append(f"    <blockquote>{text(item.quote)}</blockquote>")
        caption = text(item.name or ANONYMOUS_NAME)
        if item.rating is not None:
            stars = "★" * item.rating + "☆" * (5 - item.rating)
            caption += (f' <span class="rating" aria-label="{item.rating} out of 5">'
                        f"{stars}</span>")
        parts.append(f"    <figcaption>{caption}</figcaption>")
        if item.disclosure:
            parts.append(f'    <p class="disclosure">{text(item.disclosure)}</p>')
        parts.append("  </figure>")
    parts.append("</section>")
    return "\n".join(parts) + "\n"
