"""The house rules every chart keeps, checked the same way by every chart test module."""

from __future__ import annotations

import casestudy


def check_chart(chart, *, every_x_labelled: bool = True) -> None:
    """Title, labelled axes, a source line, a one-sentence summary, known sources, a PNG.

    ``every_x_labelled=False`` is for charts whose extra axes share the x axis of a labelled one
    (a twin axis for a second unit, or stacked panels labelled only at the bottom).
    """
    fig = chart.figure
    assert fig.get_suptitle(), "the chart has a title"
    for ax in fig.axes:
        assert ax.get_ylabel(), "every y axis is labelled"
    x_labels = [ax.get_xlabel() for ax in fig.axes]
    assert all(x_labels) if every_x_labelled else any(x_labels), "x axes are labelled"
    texts = [t.get_text() for t in fig.texts]
    assert any(t.startswith(("Source: ", "Sources: ")) for t in texts), "a source line"
    assert chart.summary.endswith("."), "a one-sentence summary"
    assert chart.source_ids, "the sources behind it"
    assert set(chart.source_ids) <= set(casestudy.load("sources")["id"])
    assert chart.to_png().startswith(b"\x89PNG")
