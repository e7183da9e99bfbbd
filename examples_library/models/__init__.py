"""Models of the examples library. One module per concept; this package names what is public."""

from .imports import ImportRun
from .open_data import OpenDataFile
from .pages import ExampleAttachment, ExamplePage, ExamplesIndexPage, SourceBlock
from .submissions import REVISABLE, WITHDRAWABLE, Submission, SubmissionEvent, SubmissionStatus
from .taxonomies import ActorType, Country, Region

__all__ = [
    "REVISABLE",
    "WITHDRAWABLE",
    "ActorType",
    "Country",
    "ExampleAttachment",
    "ExamplePage",
    "ExamplesIndexPage",
    "ImportRun",
    "OpenDataFile",
    "Region",
    "SourceBlock",
    "Submission",
    "SubmissionEvent",
    "SubmissionStatus",
]
