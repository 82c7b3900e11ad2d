"""The command line's sentences, each written once (the window has its own, in gui/*/texts.py).

Core raises errors that carry codes and data; this module words them for a terminal.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from core.kernel.errors import NotFound
from core.printing.errors import (
    BatchNotInterrupted,
    FormatMismatch,
    IncompleteBusinessProfile,
    InvalidSelection,
    InvalidStartPosition,
    InvalidTemplate,
    UnknownFormat,
)
from core.printing.types import (
    ALREADY_PRINTED,
    NO_ADDRESS,
    NO_MAIL,
    NO_TEMPLATE,
    NOT_FOUND,
    UNKNOWN_STAGE,
    UNKNOWN_TAG,
    Skipped,
)

SKIP_REASONS = {
    NO_ADDRESS: "no postal address",
    NO_MAIL: "asked for no mail",
    NOT_FOUND: "not found",
    ALREADY_PRINTED: "printed already, waiting to be marked sent",
    NO_TEMPLATE: "its card is not among the templates",
}


def counted(n: int, one: str, many: str = "") -> str:
    """"1 item", "3 items": `many` defaults to `one` + "s"."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def skip_reason(code: str) -> str:
    return SKIP_REASONS.get(code, code)


def skips_text(skipped: Iterable[Skipped]) -> str:
    """How many were left out for each reason, e.g. "2 no postal address"."""
    counts = Counter(s.reason for s in skipped)
    return ", ".join(f"{n:,} {skip_reason(r)}" for r, n in counts.items()) or "none"


def interrupted_batch_text(batch: Any, db_option: str = "") -> str:
    """A batch a killed run left unfinished (a core.printing.batches.BatchSummary)."""
    return (f"batch {batch.id} ({batch.template_name}, {batch.created_at:%Y-%m-%d %H:%M}) "
            f"was interrupted while printing to {batch.out_path}; print it again with: "
            f"main.py print again {batch.id}{db_option}")


# Business profile fields as `main.py profile set` names them.
PROFILE_OPTIONS = {
    "name": "--name", "street": "--street", "city": "--city", "state": "--state",
    "postal_code": "--postal-code", "country": "--country", "phone": "--phone",
    "email": "--email", "signature_name": "--signature-name", "currency": "--currency",
    "locale": "--locale", "logo_png": "--logo", "region": "--country",
}
PROFILE_WORDS = {"name": "business name", "signature_name": "signature name",
                 "postal_code": "postal code", "logo_png": "logo", "region": "country"}


def incomplete_profile_text(exc: IncompleteBusinessProfile) -> str:
    """Nothing prints half-filled: which fields to fill in, and how."""
    words = [PROFILE_WORDS.get(field, field) for field in exc.fields]
    options = " ".join(f"{PROFILE_OPTIONS.get(field, '--' + field)} …" for field in exc.fields)
    return (f"nothing printed: the business profile has no {_listed(words)}, which this "
            f"prints; fill it in with 'main.py profile set {options}'")


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def printing_error_text(exc: Exception) -> str | None:
    """A one-line message for the printing errors a person can fix, or None."""
    if isinstance(exc, IncompleteBusinessProfile):
        return incomplete_profile_text(exc)
    if isinstance(exc, NotFound) and exc.kind == "template":
        return f"no template named {exc.id!r}; see 'main.py templates list'"
    if isinstance(exc, NotFound) and exc.kind == "batch":
        return f"there is no batch {exc.id}"
    if isinstance(exc, BatchNotInterrupted):
        return f"batch {exc.batch_id} is {exc.state}, not interrupted; only an interrupted " \
               "batch can be printed again"
    if isinstance(exc, UnknownFormat):
        return f"unknown format {exc.name!r}; choose one of: {', '.join(exc.known)}"
    if isinstance(exc, FormatMismatch):
        return f"a {exc.template_kind} template cannot be printed as {exc.format_name}"
    if isinstance(exc, InvalidStartPosition):
        return f"--start must be between 1 and {exc.per_page} for this label sheet"
    if isinstance(exc, InvalidSelection):
        return {
            UNKNOWN_TAG: f"no tag named {exc.detail!r}",
            UNKNOWN_STAGE: f"unknown stage {exc.detail!r}; choose prospect, new, repeat, "
                           "advocate or lapsed",
        }.get(exc.code, f"invalid selection ({exc.code})")
    if isinstance(exc, InvalidTemplate):
        fields = ", ".join(f"{p.code} {p.field}".strip() for p in exc.problems)
        return f"the template has problems: {fields}"
    if isinstance(exc, OSError):
        return f"cannot write {exc.filename or 'the PDF'}: {exc.strerror}"
    return None


# -- opening, locking and backing up the database ---------------------------------------

_READ_ONLY = {
    "file": "the file is read-only",
    "folder": "its folder cannot be written (SQLite keeps its -wal and -shm files there)",
    "file_system": "it is on a read-only file system",
}


def in_use(path: object) -> str:
    return f"{path} is open in Regulars on this PC; close it or use --wait"


def waiting_for(path: object) -> str:
    return f"{path} is open in Regulars on this PC; waiting for it to be closed (Ctrl+C stops)"


_SERVER_PROBLEMS = {
    "unreachable": "no server answers at that address",
    "refused_login": "the server refused the user name or password",
    "no_password": "the server wants a password, and none is kept on this computer: connect "
                   "once in the window (File > Connect to a Shop Server…, which keeps it in "
                   "the keyring), or run this at a terminal to be asked for it",
    "not_let_in": "the server does not let this user in from this computer (its "
                  "pg_hba.conf has no line for it, or wants an encrypted connection: give "
                  "the CA file)",
    "no_database": "the server has no such database",
    "tls_failed": "the secure connection failed (check the CA file and the host name)",
    "cert_untrusted": "the server's certificate is not signed by the CA file given (certificate "
                      "verify failed): check that it is your shop's server, and its CA file",
    "cert_wrong_name": "the server's certificate is for another name: connect with the name "
                       "it was made for",
    "ca_file_missing": "the CA file given cannot be read",
    "no_tls_offered": "the server offers no encrypted connection, and a CA file was given",
    "no_keyring": "this computer has no keyring to keep the password in",
}


def server_problem(problem: Any, where: str) -> str:
    """A core.store.servers.ServerProblem, for a terminal; the detail has no password."""
    if problem.kind in ("no_schema", "schema_behind", "schema_ahead"):
        return f"{where}: {_schema_not_current(problem)}"
    reason = _SERVER_PROBLEMS.get(problem.kind)
    if reason is None:
        return f"{where}: {problem.detail or problem.kind}"
    return f"{where}: {reason}" + (f" ({problem.detail})" if problem.detail else "")


def _schema_not_current(problem: Any) -> str:
    """A core.store.servers.SchemaNotCurrent: what is wrong, who can put it right, how."""
    if problem.kind == "schema_ahead":
        return (f"the shop's server database was updated by a newer Regulars ({problem.found}) "
                "than this one: update Regulars on this computer")
    run = problem.update_command
    if problem.kind == "no_schema":
        return ("the shop's server database is not set up for Regulars yet: someone with the "
                f"owner's account ({problem.owner}) runs, once: {run}")
    return ("the shop's server database needs updating for this version of Regulars (it is "
            f"at {problem.found}, this Regulars needs {problem.wanted}), and {problem.user} "
            "may not change its tables: someone with the owner's account "
            f"({problem.owner}) runs, once: {run}")


# What each kind of bulk job (core.store.job_locks) is called when another desk waits for it.
_JOBS = {
    "import_customers": "the import",
    "import_visits": "the import of visits",
    "program_evaluation": "the program's update of Today",
    "mark_sent": "marking cards sent",
}


def waiting_for_desk(job: str, desk: str) -> str:
    where = f"at {desk}" if desk else "at another desk"
    return f"waiting for {_JOBS.get(job, 'another job')} {where} to finish (Ctrl+C stops)"


def read_only(path: object, reason: str) -> str:
    return f"cannot write {path}: {_READ_ONLY.get(reason, reason)}"


def damaged(path: object, detail: str) -> str:
    return f"{path} is damaged ({detail}); restore a backup with 'main.py restore FILE'"


def damaged_not_backed_up(path: object, detail: str) -> str:
    return f"{path} is damaged ({detail}); not backing it up"


def os_error(exc: OSError, fallback: object = "") -> str:
    """One line for a file-system failure: the file and the reason."""
    from core.store.faults import describe_fault

    fault = describe_fault(exc, str(fallback) if fallback else None)
    assert fault is not None  # every OSError is a fault of some kind
    return fault_line(fault) if fault.path else f"a file: {fault.detail}"


def sqlite_fault(path: object, message: str) -> str:
    """One line for sqlite3's `message` about `path`."""
    from core.store.faults import sqlite_fault as describe

    return fault_line(describe(message, str(path)))


def fault_line(fault: Any) -> str:
    """One line for a core.store.faults.Fault: the file and the reason."""
    from core.store import faults

    path, kind = fault.path or "the database", fault.kind
    if kind == faults.DISK_FULL:
        return f"cannot write {path}: the disk is full; nothing was changed (free some " \
               "space and try again)"
    if kind in _READ_ONLY_KINDS:
        return read_only(path, _READ_ONLY_KINDS[kind])
    if kind == faults.LOCKED:
        return f"cannot use {path}: another program is writing to it; try again in a moment"
    if kind == faults.IN_USE:
        return in_use(path)
    if kind == faults.UNDECODABLE:
        if fault.row_id is not None or fault.field:
            return undecodable_text(path, fault.row_id, fault.field)
        return (f"{path} holds text that cannot be decoded ({fault.detail}); it may be "
                "damaged: run 'main.py backup' to check it")
    if kind == faults.DAMAGED:
        return damaged(path, fault.detail)
    if kind == faults.DISK_ERROR:
        return f"cannot use {path}: the disk reported an input/output error"
    if kind == faults.FILE_ERROR:
        return f"{path}: {fault.detail}"
    return f"cannot use {path}: {fault.detail}"


_READ_ONLY_KINDS = {"read_only_file": "file", "read_only_folder": "folder",
                    "read_only_file_system": "file_system"}


def unexpected(kind: str, log_path: object) -> str:
    return f"unexpected {kind}; the details are in {log_path}"


def needs_update(path: object) -> str:
    return (f"{path} was made by an older Regulars and needs an update, which cannot be "
            "written where it is now; copy it to a folder you can write to")


def undecodable_text(path: object, customer_id: int | None, field: str) -> str:
    """A customer's stored text that is not valid UTF-8 (a damaged database file)."""
    who = f"customer {customer_id}" if customer_id is not None else "a customer"
    where = f"'s {field.replace('_', ' ')}" if field else ""
    return (f"{path}: {who}{where} holds text that cannot be decoded; the file may be "
            "damaged: open that customer and retype it, or restore a backup")


# -- logging visits (`main.py log`) ---------------------------------------------------------

_AMOUNT_REASONS = {
    "empty": "it is empty",
    "not_a_number": "it is not a number",
    "out_of_range": "it is far too large",
    "too_precise": "it has more decimals than the currency has",
}


def bad_date(text: str) -> str:
    return f"bad date {text!r}: give a real day as YYYY-MM-DD, e.g. 2026-03-05"


def bad_amount(text: str, reason: str, currency: str) -> str:
    return (f"bad amount {text!r}: {_AMOUNT_REASONS.get(reason, reason)}; give it in "
            f"{currency}, e.g. 12.50")


def unknown_customer(given: str) -> str:
    return (f"there is no {given} (or it is in the trash); look customers up with "
            "'main.py find TEXT'")


def ambiguous_customer(by: str, value: str, customer_ids: Iterable[int]) -> str:
    ids = ", ".join(str(i) for i in customer_ids)
    what = "email" if by == "email" else "phone number"
    return f"more than one customer has the {what} {value} (ids {ids}); give --customer ID"


def interaction_problems(problems: Iterable[Any]) -> str:
    """The Problems of a visit that could not be recorded, one clause each."""
    return "; ".join(_interaction_problem(p.field, p.code, p.detail) for p in problems)


def _interaction_problem(field: str, code: str, detail: str) -> str:
    if code == "invalid_kind":
        return f"unknown kind {detail!r}"
    if code == "amount_negative":
        return "the amount cannot be negative"
    if code == "other_currency":
        return f"the amount is in {detail}, not in the business currency"
    if code == "note_too_long":
        return f"the note is longer than {detail} characters"
    if code == "invalid_email":
        return f"not an email address ({detail})"
    if code == "invalid_phone":
        return f"not a phone number: {detail!r}"
    return f"{field}: {code.replace('_', ' ')}"
