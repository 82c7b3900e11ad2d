"""What other areas may read from printing (the architecture test holds them to this)."""
from __future__ import annotations

from core.printing.batches import MailingRow, customers_sent, list_customer_mailings

__all__ = ["MailingRow", "customers_sent", "list_customer_mailings"]
