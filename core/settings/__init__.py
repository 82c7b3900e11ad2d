"""The shop's settings, stored in the database: the business profile and declared sections."""
