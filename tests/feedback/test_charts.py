"""The dashboard charts' geometry (feedback.charts): bars in proportion to their values on one scale."""

from feedback.charts import column_chart, hbar_chart, short


def test_horizontal_bars_are_in_proportion_and_labels_fit():
    chart = hbar_chart([("Screening", 10, "10 hours"), ("Thematic review", 5, "5 hours"), ("Idle", 0, "–")])

    longest, half, empty = (bar.width for bar in chart.bars)
    assert longest > 0 and half == longest / 2 and empty == 0
    assert [bar.y for bar in chart.bars] == sorted(bar.y for bar in chart.bars)
    assert chart.height >= chart.bars[-1].y + 18
    assert short("A question much longer than the room there is beside the bars").endswith("…")
    assert len(short("x" * 100)) == 38


def test_columns_share_one_scale_and_stand_on_the_baseline():
    chart = column_chart([("W47", (4, 2)), ("W48", (0, 1))])

    columns = [column for group in chart.groups for column in group.columns]
    tallest = max(columns, key=lambda column: column.value)
    assert tallest.y == chart.top and chart.largest == 4
    for column in columns:
        assert column.y + column.height == chart.baseline
        assert column.height == (chart.baseline - chart.top) * column.value / 4
    assert chart.groups[0].columns[0].x < chart.groups[0].columns[1].x < chart.groups[1].columns[0].x


def test_empty_charts_draw_nothing_without_failing():
    assert hbar_chart([]).bars == []
    assert column_chart([]).groups == []
