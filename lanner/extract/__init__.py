"""Extraction stages: places, actors, sourcing, framing, events, relations."""
