"""Desktop application (Qt): a thin layer over the core."""
