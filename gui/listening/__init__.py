"""The Listening page: what customers told us, as a vertical list of sections."""
