"""Attribution: who issued a report, for which year, when it was signed and published.

`extract` reads the title, the body's voice and the places it names; the modules below it
hold one question each (titles, places, units, voice, dating) and the tables they share.
"""
from .extract import extract, speaking_level
from .tables import levels_lexicon

__all__ = ["extract", "levels_lexicon", "speaking_level"]
