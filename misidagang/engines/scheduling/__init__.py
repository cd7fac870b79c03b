"""Meeting scheduler: pure Python + OR-Tools CP-SAT, no Django (contract in DESIGN.md)."""

from .solver import solve
from .spec import SchedulingInputError, validate

__all__ = ["SchedulingInputError", "solve", "validate"]
