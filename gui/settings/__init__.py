"""The shop's settings: the business profile dialog."""
