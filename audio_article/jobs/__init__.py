"""Many builds at once."""
