"""Models of the living document. One module per concept; this package names what is public."""

from .pages import BookletPage, ChapterPage, GuidanceBasePage, GuidePage, HomePage, ObjectivePage, StepPage
from .taxonomies import OBJECTIVE_COUNT, GuidingPrinciple, Objective

__all__ = [
    "OBJECTIVE_COUNT",
    "BookletPage",
    "ChapterPage",
    "GuidanceBasePage",
    "GuidePage",
    "GuidingPrinciple",
    "HomePage",
    "Objective",
    "ObjectivePage",
    "StepPage",
]
