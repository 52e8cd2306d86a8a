"""The framing stage: a parsed `WorkDoc` in, loaded terms, certainty markers and per-document rates out.

`loaded` tags labels (lexicon plus a trained tagger), `bias` scores sentences, `extent` and `quotes`
keep an outlet's words apart from the words it quotes. The rate helpers are shared with the outlet
view, which aggregates the same counts across documents.
"""

from lanner.extract.framing.stage import KINDS, NAMED_WEIGHT, counts_as_own, find_framing, slug

__all__ = ["KINDS", "NAMED_WEIGHT", "counts_as_own", "find_framing", "slug"]
