"""What the front ends (the window, the command line) and other areas call for
testimonials, reached through one module whichever file holds each job:

- capture and edit (core.testimonials.lifecycle): capture_testimonial, edit_testimonial
  (against the version the editor opened: another desk's change merges, or EditConflict),
  delete_testimonial;
- the release (core.testimonials.release; each move checked against the release the person
  saw, EditConflict of kind RELEASE when another desk recorded it otherwise):
  mark_release_requested (printing the form does it), sign_release (with
  the scope ticked and the scan), decline_release, revoke_release (returns the take-down
  list), expire_releases (on their end date);
- attachments, kept by checksum beside the database: add_attachment, open_attachment
  (verified), remove_attachment;
- the usage log: log_use (only where the release allows), tick_off_use (taken down);
- reads (core.testimonials.queries): list_testimonials, get_testimonial (with history,
  attachments and uses), takedown_checklist, customer_testimonial_uses (what deleting
  customers for good leaves in use), has_testimonial;
- the release form (core.testimonials.release_form): print_release_forms,
  preview_release_form, and the owner's wording;
- exports (core.testimonials.exports): plan_export, write_export;
- forget_customers: run by core.customers' purge before customers go for good.

Every write records who (`by`, "" for the computer's user name) and when in the
testimonial's history.
"""
from __future__ import annotations

from core.testimonials.demo import add_demo_testimonials
from core.testimonials.exports import format_of, html_snippet, plan_export, write_export
from core.testimonials.lifecycle import (
    add_attachment,
    capture_testimonial,
    count_testimonials,
    delete_testimonial,
    edit_testimonial,
    forget_customers,
    log_use,
    open_attachment,
    remove_attachment,
    tick_off_use,
)
from core.testimonials.queries import (
    customer_testimonial_uses,
    get_testimonial,
    has_testimonial,
    list_testimonials,
    release_problem,
    takedown_checklist,
)
from core.testimonials.release import (
    RELEASE,
    decline_release,
    expire_releases,
    mark_release_requested,
    revoke_release,
    sign_release,
)
from core.testimonials.release_form import (
    ReleaseFormsPrinted,
    ReleaseFormWording,
    get_release_form_wording,
    preview_release_form,
    print_release_forms,
    restore_default_release_form_wording,
    save_release_form_wording,
)
from core.testimonials.texts import disclosure, name_as_allowed

__all__ = [
    "RELEASE", "ReleaseFormWording", "ReleaseFormsPrinted", "add_attachment", "add_demo_testimonials",
    "capture_testimonial", "count_testimonials", "customer_testimonial_uses",
    "decline_release", "delete_testimonial", "disclosure", "edit_testimonial",
    "expire_releases", "forget_customers", "format_of", "get_release_form_wording",
    "get_testimonial", "has_testimonial", "html_snippet", "list_testimonials", "log_use",
    "mark_release_requested", "name_as_allowed", "open_attachment", "plan_export",
    "preview_release_form", "print_release_forms", "release_problem", "remove_attachment",
    "restore_default_release_form_wording", "revoke_release", "save_release_form_wording",
    "sign_release", "takedown_checklist", "tick_off_use", "write_export",
]
