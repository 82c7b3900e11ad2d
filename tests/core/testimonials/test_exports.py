"""Use only what is released: each channel's export, in HTML, CSV and JSON."""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from core.store.db import Database
from core.testimonials.services import (
    decline_release,
    mark_release_requested,
    plan_export,
    revoke_release,
    sign_release,
    write_export,
)
from core.testimonials.types import (
    ADVERTISING,
    ANONYMOUS,
    CHANNELS,
    FIRST_NAME_INITIAL,
    FULL_NAME,
    PRINT,
    SOCIAL,
    VIDEO_AUDIO,
    WEBSITE,
    ReleaseScope,
)

from tests.core.testimonials.helpers import TODAY, add_customer_named, add_testimonial

SOON = TODAY + dt.timedelta(days=10)


def _every_state(db: Database) -> dict[str, int]:
    """One testimonial in each release state (and two signed for different channels)."""
    with db.unit_of_work() as session:
        ids = {}
        for key in ("unsigned", "requested", "declined", "revoked", "expired", "web_full",
                    "all_initial", "social_anon"):
            cid = add_customer_named(session, key.split("_")[0].capitalize(), "Zed" + key)
            ids[key] = add_testimonial(session, cid, f"Words of {key}.")
        mark_release_requested(session, [ids["requested"], ids["declined"]], on=TODAY)
        decline_release(session, ids["declined"], on=TODAY)
        sign_release(session, ids["revoked"], ReleaseScope(CHANNELS), signed_on=TODAY)
        revoke_release(session, ids["revoked"], on=TODAY)
        sign_release(session, ids["expired"], ReleaseScope(CHANNELS, until=SOON),
                     signed_on=TODAY)
        sign_release(session, ids["web_full"], ReleaseScope((WEBSITE,), FULL_NAME),
                     signed_on=TODAY)
        sign_release(session, ids["all_initial"], ReleaseScope(CHANNELS, FIRST_NAME_INITIAL),
                     signed_on=TODAY)
        sign_release(session, ids["social_anon"], ReleaseScope((SOCIAL, PRINT), ANONYMOUS),
                     signed_on=TODAY)
    return ids


@pytest.mark.parametrize("channel, expected", [
    (WEBSITE, {"web_full", "all_initial"}),
    (SOCIAL, {"all_initial", "social_anon"}),
    (PRINT, {"all_initial", "social_anon"}),
    (VIDEO_AUDIO, {"all_initial"}),
    (ADVERTISING, {"all_initial"}),
])
def test_each_channel_offers_only_signed_unexpired_releases_covering_it(
        db: Database, channel: str, expected: set[str]) -> None:
    ids = _every_state(db)
    names = {v: k for k, v in ids.items()}
    with db.unit_of_work() as session:
        plan = plan_export(session, channel, today=SOON)
    assert {names[item.testimonial_id] for item in plan.items} == expected
    left = {names[item.testimonial_id]: item.reason for item in plan.left_out}
    assert {left[k] for k in ("unsigned", "requested")} == {"not_signed"}
    assert (left["declined"], left["revoked"], left["expired"]) == (
        "declined", "revoked", "expired")
    assert set(left) | expected == set(ids)


def test_the_name_shows_only_as_the_release_allows(db: Database) -> None:
    ids = _every_state(db)
    with db.unit_of_work() as session:
        items = {item.testimonial_id: item for item in plan_export(session, PRINT,
                                                                   today=TODAY).items}
        web = {item.testimonial_id: item for item in plan_export(session, WEBSITE,
                                                                 today=TODAY).items}
    assert web[ids["web_full"]].name == "Web Zedweb_full"
    assert items[ids["all_initial"]].name == "All Z."
    assert items[ids["social_anon"]].name == ""


def test_a_release_still_in_force_the_day_before_it_ends(db: Database) -> None:
    ids = _every_state(db)
    with db.unit_of_work() as session:
        before = plan_export(session, ADVERTISING, today=SOON - dt.timedelta(days=1))
    assert ids["expired"] in {item.testimonial_id for item in before.items}


def test_the_html_snippet_escapes_the_quote_and_has_no_script(db: Database,
                                                              tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        cid = add_customer_named(session, "Eve", "<script>alert(1)</script>")
        tid = add_testimonial(session, cid, 'Loved it <script>x()</script> & "more"\nYes!',
                              incentive="a free <b>coffee</b>", rating=4)
        sign_release(session, tid, ReleaseScope((WEBSITE,), FULL_NAME), signed_on=TODAY)
        plan = plan_export(session, WEBSITE, today=TODAY)
    out = tmp_path / "kind-words.html"
    assert write_export(plan, out) == 1
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text
    assert "Loved it &lt;script&gt;x()&lt;/script&gt; &amp; &quot;more&quot;<br>" in text
    assert "Eve &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "This customer received a free &lt;b&gt;coffee&lt;/b&gt; as thanks" in text
    assert "★★★★☆" in text


def test_csv_and_json_carry_the_disclosure_and_csv_defuses_formulas(
        db: Database, tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session, "Fay", "Gold"),
                              "=HYPERLINK(\"http://x\")", incentive="10% off")
        plain = add_testimonial(session, add_customer_named(session, "Gus", "Hale"), "Tidy.")
        for one in (tid, plain):
            sign_release(session, one, ReleaseScope((SOCIAL,), FIRST_NAME_INITIAL),
                         signed_on=TODAY)
        plan = plan_export(session, SOCIAL, today=TODAY)
    write_export(plan, tmp_path / "t.csv")
    write_export(plan, tmp_path / "t.json")
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {row["name"]: row for row in csv.DictReader(handle)}
    assert rows["Fay G."]["quote"] == "'=HYPERLINK(\"http://x\")"
    assert rows["Fay G."]["disclosure"] == "This customer received 10% off as thanks for their review."
    assert rows["Gus H."]["disclosure"] == ""
    shown = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert shown["channel"] == "social"
    by_name = {item["name"]: item for item in shown["testimonials"]}
    assert by_name["Fay G."]["quote"] == "=HYPERLINK(\"http://x\")"
    assert by_name["Gus H."]["disclosure"] is None
