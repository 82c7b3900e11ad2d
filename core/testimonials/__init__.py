"""Testimonials: what a happy customer said, its signed release, where it is used, and
taking it down when the release ends."""
