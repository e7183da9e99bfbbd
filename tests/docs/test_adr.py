"""The decision records in docs/adr/: numbered for good, statuses that agree, citations and links that
resolve.

Code comments and the READMEs cite decisions by number ("ADR 0046", "decision 46"); these tests keep a
renamed, renumbered or removed record from leaving those citations pointing nowhere.
"""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADR = ROOT / "docs" / "adr"
NAME = re.compile(r"^(\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
REF = re.compile(r"\[(\d{4})\]\((\d{4}-[a-z0-9-]+\.md)\)")
# Build output, installs and data: not ours to cite decisions in.
SKIPPED_DIRS = {".git", ".venv", "node_modules", "var", "dist", "media", "static", "__pycache__", ".astro"}
SOURCE_SUFFIXES = {".py", ".ts", ".mjs", ".astro", ".md", ".sh", ".toml", ".yaml", ".yml", ".html", ".txt"}


def records() -> dict[int, Path]:
    found: dict[int, Path] = {}
    for path in sorted(ADR.glob("*.md")):
        if path.name == "README.md":
            continue
        match = NAME.match(path.name)
        assert match, f"{path.name}: not NNNN-kebab-title.md"
        number = int(match.group(1))
        assert number not in found, f"two records numbered {number}: {found[number].name}, {path.name}"
        found[number] = path
    return found


def heading_and_status(path: Path) -> tuple[str, str]:
    lines = path.read_text().splitlines()
    number = path.name[:4]
    assert lines[0].startswith(f"# {number}. "), f"{path.name}: first line must be '# {number}. Title'"
    assert lines[1] == "" and lines[2].startswith("Status: "), f"{path.name}: third line must be 'Status: …'"
    return lines[0].split(". ", 1)[1], lines[2].removeprefix("Status: ")


def relations(status: str) -> dict[str, set[str]]:
    """Which records a status names, by relation: 'superseded by', 'supersedes', 'amended by', 'amends'."""
    found: dict[str, set[str]] = {}
    for clause in status.split("; "):
        verb = clause.split(" [", 1)[0].lower()
        targets = REF.findall(clause)
        for number, target in targets:
            assert target.startswith(number + "-"), f"link text {number} points at {target}"
        if targets:
            found[verb] = {number for number, _ in targets}
    return found


def source_files():
    for directory, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        for name in files:
            path = Path(directory, name)
            if path.suffix in SOURCE_SUFFIXES and path != Path(__file__).resolve():
                yield path


def test_records_are_numbered_from_one_without_gaps():
    numbers = sorted(records())
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 92


def test_statuses_name_each_other_both_ways():
    statuses = {f"{number:04d}": heading_and_status(path)[1] for number, path in records().items()}
    inverse = {
        "superseded by": "supersedes",
        "supersedes": "superseded by",
        "amended by": "amends",
        "amends": "amended by",
    }
    for number, status in statuses.items():
        first = status.split(";", 1)[0]
        known = first == "Accepted" or first.startswith("Superseded by [")
        assert known, f"{number}: unknown status {status!r}"
        for verb, others in relations(status).items():
            assert verb in inverse, f"{number}: unknown relation {verb!r}"
            for other in others:
                assert other in statuses, f"{number} {verb} {other}, which does not exist"
                assert number in relations(statuses[other]).get(inverse[verb], set()), (
                    f"{number} says '{verb} {other}', but {other} does not say '{inverse[verb]} {number}'"
                )


def test_the_index_lists_every_record_with_its_title_and_status():
    rows = re.findall(r"^\| (\d{4}) \| \[(.+)\]\((\S+)\) \| (.+) \|$", (ADR / "README.md").read_text(), re.M)
    expected = []
    for number, path in records().items():
        title, status = heading_and_status(path)
        expected.append((f"{number:04d}", title.replace("|", "\\|"), path.name, status))
    assert rows == expected


def test_cited_decisions_exist():
    numbers = set(records())
    cited = re.compile(r"\b(?:ADR (\d{4})\b|[Dd]ecisions? (\d+)\b)")
    missing = []
    for path in source_files():
        text = path.read_text(errors="replace")
        assert "docs/decisions.md" not in text, f"{path.relative_to(ROOT)} still cites docs/decisions.md"
        for match in cited.finditer(text):
            number = int(match.group(1) or match.group(2))
            if number not in numbers:
                missing.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not missing


def test_relative_links_in_the_docs_resolve():
    broken = []
    for path in source_files():
        if path.suffix != ".md":
            continue
        # Code blocks and spans show link syntax as an example; only real links must resolve.
        text = re.sub(r"```.*?```|`[^`\n]*`", "", path.read_text(), flags=re.S)
        for target in LINK.findall(text):
            if re.match(r"^[a-z][a-z0-9+.-]*:|^#", target):  # an address or an anchor in the same page
                continue
            if not (path.parent / target.split("#", 1)[0]).exists():
                broken.append(f"{path.relative_to(ROOT)}: {target}")
    assert not broken
