"""One error root: every error core raises on purpose is a RegularsError, and a missing
thing is one NotFound(kind, id) whatever the area."""
from __future__ import annotations

import importlib
import inspect
import pickle
import pkgutil

import pytest

import core
from core.customers.history import delete_interaction
from core.customers.services import get_customer
from core.interchange.history import get_import, undo_import
from core.kernel.errors import Invalid, NotFound, Problem, RegularsError
from core.printing.batches import get_batch
from core.printing.errors import InvalidSelection, InvalidTemplate, TemplateProblem
from core.printing.templates import get_template
from core.store.db import Database


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(core.__path__, "core."):
        if ".migrations." in info.name or info.name.endswith(".migrations"):
            continue  # Alembic's version scripts run only inside Alembic
        names.append(info.name)
    return names


def test_every_error_core_defines_derives_from_the_one_root() -> None:
    strays = []
    checked = 0
    for name in _core_modules():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if (inspect.isclass(value) and issubclass(value, BaseException)
                    and value.__module__ == name):
                checked += 1
                # Private control flow (a dry run's rollback) never leaves its module.
                if not issubclass(value, RegularsError) and not attr.startswith("_"):
                    strays.append(f"{name}.{attr}")
    assert checked >= 20
    assert strays == []


@pytest.mark.parametrize(("kind", "look_up"), [
    ("customer", lambda session: get_customer(session, 987_654)),
    ("interaction", lambda session: delete_interaction(session, 987_654)),
    ("batch", lambda session: get_batch(session, 987_654)),
    ("import", lambda session: get_import(session, 987_654)),
    ("import", lambda session: undo_import(session, 987_654)),
])
def test_a_missing_thing_is_not_found_with_its_kind_and_id(db: Database, kind: str,
                                                           look_up: object) -> None:
    with pytest.raises(NotFound) as caught, db.unit_of_work() as session:
        look_up(session)  # type: ignore[operator]
    assert (caught.value.kind, caught.value.id) == (kind, 987_654)


def test_a_missing_template_is_not_found_by_its_name(db: Database) -> None:
    with pytest.raises(NotFound) as caught, db.unit_of_work() as session:
        get_template(session, "no-such-card")
    assert (caught.value.kind, caught.value.id) == ("template", "no-such-card")


def test_errors_keep_their_data_when_sent_to_a_helper_process() -> None:
    missing = pickle.loads(pickle.dumps(NotFound("batch", 7)))
    assert (missing.kind, missing.id) == ("batch", 7)
    invalid = pickle.loads(pickle.dumps(Invalid([Problem("email", "invalid_email", "ann@")])))
    assert invalid.for_field("email") == Problem("email", "invalid_email", "ann@")
    selection = pickle.loads(pickle.dumps(InvalidSelection("unknown_tag", "vip")))
    assert (selection.code, selection.detail) == ("unknown_tag", "vip")
    assert selection.problems == (Problem("selection", "unknown_tag", "vip"),)


def test_template_and_selection_problems_are_validation_errors_of_the_one_shape() -> None:
    problem = TemplateProblem("frist_name", "unknown_field", part="body", position=5)
    error = InvalidTemplate([problem])
    assert isinstance(error, Invalid) and isinstance(problem, Problem)
    assert error.for_field("frist_name") is problem
    assert isinstance(InvalidSelection("empty_selection"), Invalid)
