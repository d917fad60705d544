"""Translation quality a desk can act on: scores against reference translations."""
