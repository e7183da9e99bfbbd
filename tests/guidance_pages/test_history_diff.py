"""The block-by-block diff is a pure function of two revisions' raw StreamField data."""

import json

from guidance_pages.history.diff import diff_fields, diff_streams, stream_blocks, word_diff


def para(block_id: str, html: str) -> dict:
    return {"type": "paragraph", "value": html, "id": block_id}


def ops(diff) -> list[tuple[str, str]]:
    return [(block["op"], block["id"]) for block in diff.blocks]


def test_added_removed_and_unchanged_blocks_in_the_newer_order_removed_where_they_stood():
    old = [para("a", "<p>One</p>"), para("b", "<p>Two</p>"), para("c", "<p>Three</p>")]
    new = [para("a", "<p>One</p>"), para("c", "<p>Three</p>"), para("d", "<p>Four</p>")]
    diff = diff_streams(old, new)
    assert ops(diff) == [("unchanged", "a"), ("removed", "b"), ("unchanged", "c"), ("added", "d")]
    assert diff.counts == {"added": 1, "removed": 1, "moved": 0, "changed": 0, "unchanged": 2}


def test_a_block_removed_first_comes_first():
    diff = diff_streams([para("x", "Gone"), para("a", "Kept")], [para("a", "Kept")])
    assert ops(diff) == [("removed", "x"), ("unchanged", "a")]


def test_moved_block_is_the_one_whose_order_changed_relative_to_the_others():
    old = [para(i, f"<p>{i}</p>") for i in "abcde"]
    new = [para(i, f"<p>{i}</p>") for i in "abdec"]
    diff = diff_streams(old, new)
    assert ops(diff) == [
        ("unchanged", "a"),
        ("unchanged", "b"),
        ("unchanged", "d"),
        ("unchanged", "e"),
        ("moved", "c"),
    ]
    assert diff.counts["moved"] == 1


def test_changed_paragraph_marks_the_changed_words_only():
    old = [para("a", "<p>States should <b>collect</b> data every year.</p>")]
    new = [para("a", "<p>States should collect disaggregated data every five years.</p>")]
    diff = diff_streams(old, new)
    assert diff.counts["changed"] == 1
    html = diff.blocks[0]["html"]
    assert html == (
        "States should collect <ins>disaggregated </ins>data every <del>year</del><ins>five years</ins>."
    )


def test_source_markup_is_escaped_never_kept():
    old = [para("a", "<p>Safe</p>")]
    new = [
        para("a", "<p>Safe &lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        para("b", "<script>x</script>a & b"),
    ]
    diff = diff_streams(old, new)
    joined = "".join(block["html"] for block in diff.blocks)
    assert "<script>" not in joined
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in diff.blocks[0]["html"]
    assert diff.blocks[1]["html"] == "xa &amp; b"
    assert word_diff("<b>", "<i>") == "&lt;<del>b</del><ins>i</ins>&gt;"


def test_structured_blocks_are_flattened_to_their_text_and_json_strings_are_read():
    callout = {
        "type": "callout",
        "id": "c",
        "value": {"variant": "info", "title": "Note", "body": "<p>Keep <i>this</i></p>"},
    }
    table = {"type": "table", "id": "t", "value": {"data": [["Country", "Year"], ["Mexico", 2020]]}}
    listing = {"type": "list", "id": "l", "value": [{"type": "item", "value": "first", "id": "i1"}, "second"]}
    blocks = stream_blocks(json.dumps([callout, table, listing]))
    # headings first, then the other fields by name (one order whatever the storage)
    assert [b.text for b in blocks] == ["Note Keep this info", "Country Year Mexico", "first second"]


def test_title_and_summary_diffs_only_when_changed():
    fields = diff_fields({"title": "Data", "summary": "Same"}, {"title": "Better data", "summary": "Same"})
    assert fields == [{"name": "title", "html": "<del>Data</del><ins>Better data</ins>"}]


def test_a_rewritten_paragraph_reads_as_old_text_out_new_text_in():
    html = word_diff(
        "How governments and stakeholders can work towards objective 1.",
        "Comment les gouvernements et les parties prenantes peuvent y travailler.",
    )
    assert html.count("<del>") == 1 and html.count("<ins>") == 1, html


def test_neighbouring_changed_words_read_as_one_change():
    html = word_diff("one two three four five six", "one 2 3 four five six")
    assert html == "one <del>two three</del><ins>2 3</ins> four five six"


def test_a_block_stored_with_its_keys_in_another_order_is_unchanged():
    # PostgreSQL's jsonb gives back {"body", "title", "variant"} for {"variant", "title", "body"}
    written = {"variant": "info", "title": "Note", "body": "<p>Text</p>"}
    read_back = {"body": "<p>Text</p>", "title": "Note", "variant": "info"}
    before = [{"id": "c1", "type": "callout", "value": written}]
    after = [{"id": "c1", "type": "callout", "value": read_back}]
    assert diff_streams(before, after).counts["unchanged"] == 1
    assert stream_blocks(after)[0].text.startswith("Note")
