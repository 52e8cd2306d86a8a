"""The sourcing stage: a parsed `WorkDoc` in, attributions out (who the outlet says told it, and how).

`markers` finds the reporting cues, `spans` the clause each cue governs, `claimants` resolves the
speaker to a canonical source. Events reuse `attribution_for` to read the status of their sentence.
"""

from lanner.extract.sourcing.kinds import source_kind
from lanner.extract.sourcing.stage import attribution_for, find_sourcing

__all__ = ["attribution_for", "find_sourcing", "source_kind"]
