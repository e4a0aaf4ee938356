"""Derived tables: the case's numbers put side by side for a question a class asks.

One module per chapter, in course order, on a shared core:

- :mod:`.core`: one value per year (:func:`financial_series`), targets against delivery,
  disagreements between sources;
- :mod:`.crisis` (01), :mod:`.strategy` (02), :mod:`.product` (03), :mod:`.storytelling` (04),
  :mod:`.epilogue` (05).

Every name is also available here, so ``casestudy.analysis.half_years()`` works whatever module
holds it. Each function reads only through :func:`casestudy.data.load`, so every value can be
traced to a row and its ``source_id``.
"""

from __future__ import annotations

from .core import (
    ABOUT_TOLERANCE,
    BASES,
    SERIES_RELEASE_EVENT,
    STATUSES,
    TEACHING_SUGGESTION,
    disagreements,
    financial_series,
    promise_vs_delivery,
)
from .crisis import (
    CLASSIFICATION_COLUMNS,
    H2_DERIVED,
    compare_classification,
    half_years,
    nissan_split,
)
from .epilogue import (
    course_arc,
    margin_promises,
    nissan_effects,
)
from .product import (
    CONCEPT_MODELS,
    DEMAND_MEASURES,
    FOUR_AS,
    MILESTONE_KINDS,
    RETRO_MODELS,
    VOLUME_MEASURES,
    concept_to_market,
    four_as_reading,
    price_vs_promise,
    product_disagreements,
    product_facts,
    product_milestones,
    retro_revivals,
)
from .storytelling import (
    HERO_ACTS,
    NOTHING_TO_CHECK,
    VERDICTS,
    check_claims,
    compare_hero_stages,
    freytag_arc,
    freytag_parts,
    hero_journey,
    story_mentions,
)
from .strategy import (
    CASE_LABELS,
    HEADLINE_METRICS,
    KOTTER_STEPS,
    RENAULT_PLANS,
    compare_kotter,
    first_met_by_basis,
    framework_tags,
    headline_series,
    plan_comparison,
    restatements,
)

__all__ = [
    "STATUSES",
    "BASES",
    "SERIES_RELEASE_EVENT",
    "TEACHING_SUGGESTION",
    "ABOUT_TOLERANCE",
    "financial_series",
    "disagreements",
    "promise_vs_delivery",
    "H2_DERIVED",
    "CLASSIFICATION_COLUMNS",
    "half_years",
    "nissan_split",
    "compare_classification",
    "CASE_LABELS",
    "HEADLINE_METRICS",
    "RENAULT_PLANS",
    "KOTTER_STEPS",
    "restatements",
    "first_met_by_basis",
    "plan_comparison",
    "headline_series",
    "framework_tags",
    "compare_kotter",
    "MILESTONE_KINDS",
    "DEMAND_MEASURES",
    "VOLUME_MEASURES",
    "RETRO_MODELS",
    "CONCEPT_MODELS",
    "product_facts",
    "product_milestones",
    "concept_to_market",
    "price_vs_promise",
    "product_disagreements",
    "retro_revivals",
    "FOUR_AS",
    "four_as_reading",
    "VERDICTS",
    "NOTHING_TO_CHECK",
    "check_claims",
    "HERO_ACTS",
    "hero_journey",
    "compare_hero_stages",
    "FREYTAG_PARTS",
    "freytag_parts",
    "freytag_arc",
    "story_mentions",
    "margin_promises",
    "nissan_effects",
    "course_arc",
]


def __getattr__(name: str):
    # FREYTAG_PARTS was a constant; it now reads the freytag_parts table
    if name == "FREYTAG_PARTS":
        return freytag_parts()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
