"""Cards & letters: templates, printing batches, print history."""
