"""Every chart of the course, in one style, each with a one-sentence text summary.

A chart function returns a :class:`Chart`: the matplotlib ``figure``, a ``summary`` sentence
for screen readers (built from the same numbers the chart shows) and the ``source_ids`` behind
it. Shown in a notebook, a Chart displays the picture, then prints the summary and the sources,
so a student who cannot see the chart reads the same finding.

Style: the Okabe-Ito palette (safe for the common colour-vision deficiencies), a title, axes
with units, and a source line under every chart. Figures are built without pyplot, so the
notebook shows each chart exactly once whatever the matplotlib backend.

One module per chapter, in course order, on one chart style: :mod:`.style` (the Chart object,
palette, title and source line), :mod:`.overview` (charts of the whole case), then
:mod:`.crisis` (01), :mod:`.strategy` (02), :mod:`.product` (03), :mod:`.storytelling` (04) and
:mod:`.epilogue` (05). Every chart is also available here: ``casestudy.plots.story_arc()``.
:mod:`.cache` keeps each drawn chart on disk, so that a chart is drawn once per machine.
"""

from __future__ import annotations

from .crisis import (
    CRISIS_THEMES,
    crisis_timeline,
    net_income_nissan,
)
from .epilogue import (
    EPILOGUE_MARKS,
    EPILOGUE_THEMES,
    epilogue_timeline,
    nissan_then_and_now,
    story_and_after,
)
from .overview import (
    revenue_and_margin,
    timeline,
)
from .product import (
    concept_to_market_chart,
    price_promise_chart,
    retro_revivals_chart,
)
from .storytelling import (
    CLAIMANT_COLOURS,
    CLAIMANT_LABELS,
    claims_by_verdict,
    story_arc,
)
from .strategy import (
    STATUS_STYLE,
    STRATEGY_HIGHLIGHTS,
    margin_vs_targets,
    plans_compared,
    restatement_chart,
    strategy_timeline,
    target_scorecard,
)
from .style import (
    DPI,
    FIGSIZE,
    MAX_SOURCES_IN_LINE,
    OKABE_ITO,
    THEME_COLOURS,
    THEME_MARKERS,
    Chart,
)

#: every course chart by name (``python -m casestudy charts`` draws them all into the cache)
CHARTS = {
    "timeline": timeline,
    "revenue_and_margin": revenue_and_margin,
    "crisis_timeline": crisis_timeline,
    "net_income_nissan": net_income_nissan,
    "margin_vs_targets": margin_vs_targets,
    "target_scorecard": target_scorecard,
    "restatement_chart": restatement_chart,
    "plans_compared": plans_compared,
    "strategy_timeline": strategy_timeline,
    "concept_to_market_chart": concept_to_market_chart,
    "price_promise_chart": price_promise_chart,
    "retro_revivals_chart": retro_revivals_chart,
    "story_arc": story_arc,
    "claims_by_verdict": claims_by_verdict,
    "story_and_after": story_and_after,
    "nissan_then_and_now": nissan_then_and_now,
    "epilogue_timeline": epilogue_timeline,
}

__all__ = [
    "CHARTS",
    "OKABE_ITO",
    "THEME_COLOURS",
    "THEME_MARKERS",
    "FIGSIZE",
    "MAX_SOURCES_IN_LINE",
    "DPI",
    "Chart",
    "timeline",
    "revenue_and_margin",
    "CRISIS_THEMES",
    "crisis_timeline",
    "net_income_nissan",
    "STATUS_STYLE",
    "margin_vs_targets",
    "target_scorecard",
    "restatement_chart",
    "plans_compared",
    "STRATEGY_HIGHLIGHTS",
    "strategy_timeline",
    "concept_to_market_chart",
    "price_promise_chart",
    "retro_revivals_chart",
    "CLAIMANT_COLOURS",
    "CLAIMANT_LABELS",
    "story_arc",
    "claims_by_verdict",
    "EPILOGUE_THEMES",
    "EPILOGUE_MARKS",
    "story_and_after",
    "nissan_then_and_now",
    "epilogue_timeline",
]
