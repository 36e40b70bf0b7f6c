"""Normalize stage: written text -> the words a newsreader would say.

The entry points live in `normalizer.py`: `normalize_text` runs the ordered
rules of `rules.py` (each a small `str -> str` function; their data tables
live in `tables.py`); `normalize_script` applies it to every segment, then
the pronunciation lexicon, and fills `ScriptSegment.spoken`. This file
imports nothing, so the rule modules can import each other through the
package without a cycle.
"""
