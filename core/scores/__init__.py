"""Satisfaction scores: NPS and CSAT answers on customers, their figures, and paper surveys."""
