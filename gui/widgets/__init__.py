"""Small widgets several areas share: fields with messages, partial dates, PDF preview."""
