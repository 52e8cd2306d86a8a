"""What reads the store and renders it for people and other tools: exports (JSON, CSV, GeoJSON),
the actor network, per-outlet framing profiles and the one-page report. Nothing here writes."""
