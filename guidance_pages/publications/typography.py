"""Typography of a language applied to the text of an HTML document (never to its tags or styles)."""

import re

NNBSP = "\u202f"  # narrow no-break space: French puts it before : ; ? ! and inside « »
# Tags, style elements and character references are left as they are ("&amp;" is not a semicolon).
_TAG_OR_STYLE = re.compile(r"(<style\b.*?</style>|<[^>]+>|&#?\w+;)", re.DOTALL | re.IGNORECASE)
# A space (or none, after a letter, for ; ? !) before high punctuation; a colon only before a space, so that
# times and addresses in the text ("10:30", "https://…") are left alone.
_BEFORE_SPACED = re.compile(r"[ \u00a0\u202f]+([:;?!»])")
_BEFORE_TIGHT = re.compile(r"(?<=[\w\)\]»])([;?!]+)")
_COLON_TIGHT = re.compile(r"(?<=\w):(?=\s)")
_OPENING = re.compile(r"«[ \u00a0\u202f]*")
_CLOSING_TIGHT = re.compile(r"(?<=\S)(?<![\u00a0\u202f])»")


def french_text(text: str) -> str:
    text = _BEFORE_SPACED.sub(NNBSP + r"\1", text)
    text = _BEFORE_TIGHT.sub(lambda m: NNBSP + m.group(1), text)
    text = _COLON_TIGHT.sub(NNBSP + ":", text)
    text = _OPENING.sub("«" + NNBSP, text)
    return _CLOSING_TIGHT.sub(NNBSP + "»", text)


def apply_typography(html: str, language: str) -> str:
    """``html`` with the spacing rules of ``language`` in its text nodes (French only has any so far)."""
    if language != "fr":
        return html
    parts = _TAG_OR_STYLE.split(html)
    # split() with one group puts the separators at the odd indices.
    return "".join(part if index % 2 else french_text(part) for index, part in enumerate(parts))
