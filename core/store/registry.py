"""Every area's models, loaded together so that Base.metadata and the mappers are complete.

Areas keep their tables in their own `models` module and import only `core.store.base`;
nothing imports this registry but the store itself (migrations, the unit of work), which
ends the import cycle a single models module had with the areas' models.
"""
from __future__ import annotations

import importlib

AREA_MODELS = (
    "core.customers.models",
    "core.settings.models",
    "core.printing.models",
    "core.interchange.models",
    "core.program.models",
    "core.complaints.models",
    "core.meetings.models",
    "core.council.models",
    "core.scores.models",
    "core.desks.models",
    "core.testimonials.models",
)
# Modules that hook into every unit of work when loaded (who changed what: core.desks).
AREA_HOOKS = ("core.desks.audit",)


def load_all_models() -> None:
    """Import every area's models module (cheap after the first call)."""
    for module in (*AREA_MODELS, *AREA_HOOKS):
        importlib.import_module(module)
