"""Models of the living document. One module per concept; this package names what is public."""

from .editions import (
    ChangeKind,
    ChangeNote,
    Edition,
    EditionPage,
    EditionPdf,
    EditionPdfStatus,
    EditionStatus,
)
from .pages import BookletPage, ChapterPage, GuidanceBasePage, GuidePage, HomePage, ObjectivePage, StepPage
from .taxonomies import OBJECTIVE_COUNT, GuidingPrinciple, Objective

__all__ = [
    "OBJECTIVE_COUNT",
    "BookletPage",
    "ChangeKind",
    "ChangeNote",
    "ChapterPage",
    "Edition",
    "EditionPage",
    "EditionPdf",
    "EditionPdfStatus",
    "EditionStatus",
    "GuidanceBasePage",
    "GuidePage",
    "GuidingPrinciple",
    "HomePage",
    "Objective",
    "ObjectivePage",
    "StepPage",
]
