"""Resolution: mentions to canonical entities (actor KB, gazetteer)."""
