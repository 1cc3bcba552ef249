"""Scoring: rubrics as data, explained scores, the 纲要 coverage map, calibration against
human coding and codebook export (issue 7). The pipeline calls `coverage` and `score`
for every report; calibration and codebooks are for evaluators (`fazhi calibrate`,
`fazhi codebook`)."""
from . import rules  # noqa: F401  (registers the rule kinds before any rubric is parsed)
from .coverage import coverage
from .rubric import Rubric, RubricError, default_rubric, load_rubric
from .score import score

__all__ = ["Rubric", "RubricError", "coverage", "default_rubric", "load_rubric", "score"]
