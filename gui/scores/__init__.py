"""Satisfaction scores in the window: the customer record's tab, recording a score, the
Listening page's sections, and typing back paper survey cards."""
