"""What the front ends (the command line, the window) call to print: templates and
batches, reached through one module whichever file holds each job."""
from __future__ import annotations

from core.printing.batches import BatchRequest, print_batch
from core.printing.runs import print_batch_again, print_new_batch, tidy_interrupted
from core.printing.templates import list_templates

__all__ = ["BatchRequest", "list_templates", "print_batch", "print_batch_again",
           "print_new_batch", "tidy_interrupted"]
