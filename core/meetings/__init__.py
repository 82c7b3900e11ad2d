"""Meeting notes for a customer: what was discussed and agreed, sent as a tidy letter."""
