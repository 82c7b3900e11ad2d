"""The one line that says why an action exists, for Today, the CLI and the customer record:
"Birthday 14 Dec (year unknown); card to print by 7 Dec so it arrives in time."

Dates are written in the business's locale by the caller's `format_date`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

DateFormat = Callable[[dt.date], str]


def _ordinal(n: int) -> str:
    ending = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{ending}"


def _occasion(rule: str, on: str, detail: str) -> str:
    if rule == "welcome":
        return f"First visit on {on}"
    if rule == "birthday":
        return f"Birthday {on} ({_ordinal(int(detail))})" if detail else f"Birthday {on} (year unknown)"
    if rule == "anniversary":
        years = int(detail or 1)
        return f"{years} year{'s' if years != 1 else ''} since the first visit on {on}"
    if rule == "life_event":
        if detail.startswith("wedding anniversary"):
            count = detail.removeprefix("wedding anniversary").strip()
            return (f"{_ordinal(int(count))} wedding anniversary on {on}" if count
                    else f"Wedding anniversary on {on}")
        return f"{detail.replace('_', ' ').capitalize() or 'Life event'} on {on}"
    if rule == "milestone":
        return f"{_ordinal(int(detail))} visit on {on}"
    if rule == "referral":
        return f"Referred a new customer on {on}"
    if rule == "lapsed":
        return f"No visit since {detail}"
    if rule == "council_meeting":
        return f"Council meeting on {on}"
    if rule == "council_notes":
        return f"Notes of the council meeting of {on}"
    if rule == "council_term_end":
        return (f"Council term ends on {on}: thank them for their service"
                if detail.startswith("thank") else
                f"Council term ends on {on}: ask them to stay on")
    if rule == "after_sale":
        return f"Large purchase on {on}"
    if rule == "complaint_resolved":
        return f"Complaint resolved on {on}"
    if rule == "meeting_notes":
        return f"Meeting on {on}"
    if rule == "detractor":
        return f"Unhappy answer ({_answer(detail)}) on {on}: call back to put it right"
    if rule == "promoter":
        return f"Would recommend us ({_answer(detail)}) on {on}: ask for their story"
    if rule == "check_in":
        return f"First visit on {on}: check we delivered what we promised"
    if rule == "release_reconfirm":
        return f"Testimonial release ends on {on}: ask if they still stand by it"
    if rule == "release_form_back":
        return f"Testimonial release form printed on {on}, not back yet"
    if rule == "takedown":
        places = int(detail or 1)
        return (f"Testimonial release ended on {on}; still used in {places} "
                f"place{'s' if places != 1 else ''}")
    return f"{rule.replace('_', ' ').capitalize()} on {on}"


def _answer(detail: str) -> str:
    """"nps 4" as "4 out of 10", "csat 2" as "2 out of 5"."""
    scale, _, score = detail.partition(" ")
    if not score:
        return detail
    return f"{score} out of {10 if scale == 'nps' else 5}"


def why_line(rule: str, gesture: str, occasion_on: dt.date, due_on: dt.date, detail: str,
             format_date: DateFormat) -> str:
    occasion = _occasion(rule, format_date(occasion_on), _detail_dates(rule, detail, format_date))
    due = format_date(due_on)
    if rule == "complaint_resolved":
        return f"{occasion}; call by {due}: are they happy now?"
    if rule == "takedown":
        return f"{occasion}: take it down (tick each place off in Testimonials)."
    if gesture == "call":
        return f"{occasion}; call by {due}."
    if rule == "meeting_notes":
        return f"{occasion}; notes to send by {due}."
    if gesture == "task":
        return f"{occasion}; to do by {due}."
    if due_on < occasion_on:
        return f"{occasion}; {gesture} to print by {due} so it arrives in time."
    return f"{occasion}; {gesture} to print by {due}."


def also_celebrating(occasions: Sequence[tuple[str, str]]) -> str:
    """The sentence a card made for several occasions ends with, naming the (rule, detail)
    occasions other than its own: "And congratulations on your 10th visit, too!"; "" for
    none. Fills the printing engine's `also_celebrating` merge field."""
    wishes = [wish for rule, detail in occasions if (wish := _wish(rule, detail))]
    if not wishes:
        return ""
    return f"And {', and '.join(wishes)}, too!"


def _wish(rule: str, detail: str) -> str:
    if rule == "welcome":
        return "thank you for your first visit"
    if rule == "birthday":
        return "happy birthday"
    if rule == "anniversary":
        years = int(detail or 1)
        return f"happy {years} year{'s' if years != 1 else ''} with us"
    if rule == "life_event":
        if detail.startswith("wedding anniversary"):
            return "happy wedding anniversary"
        event = detail.replace("_", " ").strip()
        return f"congratulations on your {event}" if event else "congratulations"
    if rule == "milestone":
        return f"congratulations on your {_ordinal(int(detail))} visit"
    if rule == "referral":
        return "thank you for sending a friend our way"
    return ""  # a letter or a call: nothing to add to a card


def _detail_dates(rule: str, detail: str, format_date: DateFormat) -> str:
    if rule == "lapsed" and detail:
        return format_date(dt.date.fromisoformat(detail))
    return detail
