"""Data files of the matching engine (lexicon, input-output links)."""
