"""The events stage: a parsed `WorkDoc` in, `Event` records out.

Triggers find candidate mentions in each sentence, roles/places/dates fill them, merge folds the
mentions that tell one happening, and the article pass (`article`, `chronology`, `denials`) reads
the whole report: restatements, background history, denials, roles left empty. `find_events` is
the only entry the pipeline calls.
"""

from lanner.extract.events.stage import find_events

__all__ = ["find_events"]
