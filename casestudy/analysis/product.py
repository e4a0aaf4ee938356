"""03-product: milestones from concept to market, the price promise, where the sources
disagree, and other makers' retro revivals on one clock. Data: the products table."""

from __future__ import annotations

from ..data import load
from .core import ABOUT_TOLERANCE

MILESTONE_KINDS = (
    "design",
    "concept",
    "reveal",
    "announcement",
    "orders",
    "launch",
    "delivery",
    "production",
    "award",
)
# a waiting list measures interest, neither a step towards the market nor a volume: it is
# kept out of the milestones and of the retro comparison
DEMAND_MEASURES = ("waiting_list",)
VOLUME_MEASURES = ("sales", "cumulative_sales", "registrations", "units_built")
RETRO_MODELS = ("vw_new_beetle", "bmw_mini", "fiat_500", "fiat_500e", "renault_5_e_tech")
CONCEPT_MODELS = ("renault_5_e_tech", "renault_5_turbo_3e", "alpine_a290", "vw_new_beetle")
_MEASURE_WORDS = {
    "sales": "sold",
    "cumulative_sales": "sold in all",
    "registrations": "registered",
    "units_built": "built",
}


def _months_between(start, end) -> int:
    """Calendar months from ``start`` to ``end``, ignoring the day: January 2021 to February
    2024 is 37. Dates known only to the month count the same as exact dates."""
    return (end.year - start.year) * 12 + (end.month - start.month)


def _when(date, precision, planned=False) -> str:
    """'26 Feb 2024', 'Sep 2024', '2027 (planned)' or 'undated': a date no more precise than
    its source."""
    import pandas as pd

    if pd.isna(date):
        return "undated"
    precision = str(precision)
    if precision == "year":
        text = f"{date.year}"
    elif precision == "month":
        text = f"{date:%b %Y}"
    else:
        text = f"{date.day} {date:%b %Y}"
    return text + (" (planned)" if bool(planned) else "")


def _when_column(rows, planned: bool = True) -> list[str]:
    """:func:`_when` for every row of a products table (with "(planned)" unless ``planned`` is
    False)."""
    flags = rows["planned"] if planned else [False] * len(rows)
    return [
        _when(d, p, pl)
        for d, p, pl in zip(rows["date"], rows["date_precision"], flags, strict=True)
    ]


def _products(model_ids=None):
    products = load("products")
    if model_ids is not None:
        model_ids = list(model_ids)
        known = list(products["model_id"].cat.categories)
        unknown = [m for m in model_ids if m not in known]
        if unknown:
            raise ValueError(
                f"unknown model id(s) {', '.join(unknown)}; the models are: {', '.join(known)}"
            )
        products = products[products["model_id"].isin(model_ids)]
    return products


def product_facts(model_ids=None, group: str | None = None):
    """The products table made readable: one row per fact, with its date written no more
    precisely than its source ('Sep 2024', '1984', 'undated'), its figure, unit and scope, and
    where it comes from. ``group`` is ``renault_group``, ``heritage`` or ``comparison``.

    >>> product_facts(["renault_5_turbo_3e"])["when"].iloc[-1]
    '2027 (planned)'
    """
    import pandas as pd

    products = _products(model_ids)
    if group is not None:
        groups = list(products["group"].cat.categories)
        if group not in groups:
            raise ValueError(f"group must be one of {', '.join(groups)}, got '{group}'")
        products = products[products["group"] == group]
    rows = products.copy()
    rows["when"] = _when_column(rows)
    order = {m: i for i, m in enumerate(model_ids or [])}
    rows["_order"] = rows["model_id"].astype(str).map(order).fillna(-1)
    # a yearly total ('sold in 2021') sorts after the dated events of that year's first months
    middle = {"year": 182, "month": 14, "day": 0}
    rows["_when"] = rows["date"] + pd.to_timedelta(
        rows["date_precision"].astype(str).map(middle).fillna(0), unit="D"
    )
    rows = rows.sort_values(
        ["_order", "model_id", "_when", "id"], kind="stable", na_position="last"
    )
    cols = [
        "id",
        "model",
        "kind",
        "when",
        "title_en",
        "value",
        "unit",
        "scope",
        "confidence",
        "source_id",
    ]
    return rows[cols].reset_index(drop=True)


def product_milestones(model_ids=None):
    """The dated steps of each model from design to market, with months after its concept.

    A milestone is a row of kind design, concept, reveal, announcement, orders, launch,
    delivery, production or award (waiting lists are demand figures, not steps, and are left
    out). ``months_after_concept`` counts calendar months from the model's first concept shown
    in public (negative before it); it is empty for a date known only to the year and for a
    model without a concept row. ``when`` writes each date no more precisely than its source.

    >>> m = product_milestones(["renault_5_e_tech"]).set_index("id")
    >>> int(m.loc["pr-004", "months_after_concept"]), m.loc["pr-004", "when"]
    (37, '26 Feb 2024')
    """
    import pandas as pd

    products = _products(model_ids)
    rows = products[
        products["kind"].astype(str).isin(MILESTONE_KINDS)
        & ~products["measure"].isin(DEMAND_MEASURES).fillna(False)
        & products["date"].notna()
    ].copy()
    concepts = (
        products[products["kind"] == "concept"].groupby("model_id", observed=True)["date"].min()
    )
    months = []
    for r in rows.itertuples(index=False):
        start = concepts.get(r.model_id)
        exact = str(r.date_precision) in ("day", "month")
        months.append(_months_between(start, r.date) if start is not None and exact else None)
    rows["months_after_concept"] = pd.array(months, dtype="Int64")
    rows["when"] = _when_column(rows)
    cols = [
        "id",
        "model_id",
        "model",
        "kind",
        "date",
        "date_precision",
        "when",
        "planned",
        "months_after_concept",
        "title_en",
        "title_fr",
        "disagreement",
        "source_id",
        "confidence",
    ]
    out = rows[cols].sort_values(["model_id", "date", "id"], kind="stable")
    return out.reset_index(drop=True)


def concept_to_market(model_ids=CONCEPT_MODELS):
    """How long each model took from the first concept shown in public to the market.

    One row per model: the dates of the concept, the production car's reveal, the opening of
    orders and the market launch (first deliveries where no launch is recorded), and the
    calendar months from the concept to each. Where sources disagree on the launch, the
    earliest date counts for ``months_to_launch``, the latest for ``months_to_launch_latest``,
    and ``launch_note`` names both. A step the data does not hold stays empty: never guessed.

    >>> c = concept_to_market().set_index("model_id")
    >>> int(c.loc["renault_5_e_tech", "months_to_reveal"])
    37
    >>> c.loc["renault_5_e_tech", ["months_to_launch", "months_to_launch_latest"]].tolist()
    [44, 45]
    """
    import pandas as pd

    steps = product_milestones(model_ids)
    models = _products(model_ids)[["model_id", "model"]].drop_duplicates("model_id")
    rows = []
    for model_id in model_ids if model_ids is not None else models["model_id"]:
        mine = steps[steps["model_id"] == model_id]
        concept = mine[mine["kind"] == "concept"]
        if concept.empty:
            continue
        concept = concept.iloc[0]

        def first(kind, mine=mine):
            found = mine[mine["kind"] == kind]
            return found.iloc[0] if len(found) else None

        reveal, orders = first("reveal"), first("orders")
        launches = mine[mine["kind"] == "launch"]
        if launches.empty:
            launches = mine[mine["kind"] == "delivery"]
        launch_note = ""
        first_launch = last_launch = None
        if len(launches):
            first_launch, last_launch = launches.iloc[0], launches.iloc[-1]
            if len(set(launches["date"])) > 1:
                launch_note = "sources disagree: " + " or ".join(
                    f"{r.when} ({r.source_id})" for r in launches.itertuples(index=False)
                )
            elif bool(first_launch["planned"]):
                planned = _when(first_launch["date"], first_launch["date_precision"])
                launch_note = f"{first_launch['kind']} planned for {planned}, not yet happened"
        rows.append(
            {
                "model_id": model_id,
                "model": concept["model"],
                "concept": concept["when"],
                "reveal": reveal["when"] if reveal is not None else "",
                "orders": orders["when"] if orders is not None else "",
                "launch": " / ".join(dict.fromkeys(launches["when"])) if len(launches) else "",
                "months_to_reveal": None if reveal is None else reveal["months_after_concept"],
                "months_to_orders": None if orders is None else orders["months_after_concept"],
                "months_to_launch": None
                if first_launch is None
                else first_launch["months_after_concept"],
                "months_to_launch_latest": None
                if last_launch is None
                else last_launch["months_after_concept"],
                "launch_note": launch_note,
            }
        )
    columns = [
        "model_id",
        "model",
        "concept",
        "reveal",
        "orders",
        "launch",
        "months_to_reveal",
        "months_to_orders",
        "months_to_launch",
        "months_to_launch_latest",
        "launch_note",
    ]
    out = pd.DataFrame(rows, columns=columns)
    for col in [c for c in out.columns if c.startswith("months_")]:
        out[col] = pd.array([None if pd.isna(v) else int(v) for v in out[col]], dtype="Int64")
    return out


def price_vs_promise(model_id: str = "renault_5_e_tech"):
    """Every published price of a model next to the price it was promised at.

    ``gap_eur`` is the price minus the promise and ``gap_pct`` the same as a percentage of the
    promise. The promise was "around" a figure, so ``within_promise`` counts a price as keeping
    it up to :data:`ABOUT_TOLERANCE` above it (5 %: EUR 26,250 for "around EUR 25,000").
    ``months_after_promise`` is empty for an undated price. Prices after public incentives are
    listed but are not list prices: read the ``measure`` column. The promise is in
    ``.attrs["promise"]``.

    >>> p = price_vs_promise().set_index("id")
    >>> float(p.loc["pr-016", "gap_eur"]), bool(p.loc["pr-016", "within_promise"])
    (-10.0, True)
    >>> int(p.loc["pr-016", "months_after_promise"])
    16
    """
    import pandas as pd

    products = _products([model_id])
    promise = products[products["measure"] == "price_promised"]
    if promise.empty:
        raise ValueError(f"'{model_id}' has no promised price in the products table")
    promise = promise.iloc[0]
    prices = products[products["measure"].isin(["list_price", "price_after_aid"]).fillna(False)]
    prices = prices[prices["unit"] == promise["unit"]].copy()
    first_seen = prices.groupby("version")["date"].transform("min")
    prices["_order"] = first_seen
    prices = prices.sort_values(["_order", "date", "id"], kind="stable", na_position="last")
    target = float(promise["value"])
    out = pd.DataFrame(
        {
            "id": prices["id"],
            "version": prices["version"],
            "measure": prices["measure"],
            "when": _when_column(prices, planned=False),
            "price": prices["value"],
            "unit": prices["unit"],
            "promise": target,
            "gap_eur": prices["value"] - target,
            "gap_pct": ((prices["value"] - target) / target * 100).round(1) + 0.0,  # no -0.0
            "within_promise": prices["value"] <= target * (1 + ABOUT_TOLERANCE),
            "months_after_promise": pd.array(
                [
                    None if pd.isna(d) else _months_between(promise["date"], d)
                    for d in prices["date"]
                ],
                dtype="Int64",
            ),
            "disagreement": prices["disagreement"],
            "source_id": prices["source_id"],
            "confidence": prices["confidence"],
        }
    ).reset_index(drop=True)
    out.attrs["promise"] = {
        "value": target,
        "unit": str(promise["unit"]),
        "when": _when(promise["date"], promise["date_precision"]),
        "version": str(promise["version"]),
        "source_id": str(promise["source_id"]),
    }
    return out


def product_disagreements():
    """Facts about the cars on which the sources disagree, every version side by side.

    Rows sharing a ``disagreement`` key in the products table give different answers to one
    question (a launch month, a price, an engine's power, a sales count with another scope).
    None is chosen for you: the ``note`` of each row says what the other source says.

    >>> d = product_disagreements()
    >>> d[d["disagreement"] == "turbo3e-power"]["value"].tolist()
    [540.0, 555.0]
    """
    products = load("products")
    rows = products[products["disagreement"].notna()].copy()
    rows["when"] = _when_column(rows, planned=False)
    cols = [
        "disagreement",
        "id",
        "model",
        "title_en",
        "when",
        "value",
        "unit",
        "scope",
        "source_id",
        "confidence",
        "note",
    ]
    out = rows.sort_values(["disagreement", "date", "id"], kind="stable", na_position="last")
    return out[cols].reset_index(drop=True)


def _count_text(value: float, unit: str) -> str:
    """'> 83,000', '≈ 1.2 million', '3,316': a count as its source qualifies it."""
    unit = str(unit)
    if value >= 1_000_000:
        number = f"{value / 1_000_000:g} million"
    else:
        number = f"{value:,.0f}"
    if "more than" in unit:
        return f"> {number}"
    if "about" in unit or "nearly" in unit:
        return f"≈ {number}"
    return number


def _years_after(date, precision, debut_year: int) -> float:
    """Position on a 'years after debut' axis: the middle of the day, month or year a date
    stands for (a yearly total sits mid-year)."""
    precision = str(precision)
    if precision == "year":
        fraction = 0.5
    elif precision == "month":
        fraction = (date.month - 0.5) / 12
    else:
        fraction = (date.day_of_year - 0.5) / 365.25
    return round(date.year - debut_year + fraction, 2)


def retro_revivals(model_ids=RETRO_MODELS):
    """Retro revivals on one clock: each published milestone and volume figure, placed in years
    after the model's market debut (the year its production car was unveiled or went on sale).

    Volume figures keep their own measure and scope (sold, sold in all, registered, built; US,
    worldwide, France...): the ``label`` says which, so that nobody
    compares a month of French registrations with thirteen years of world sales by mistake.

    >>> r = retro_revivals().set_index("id")
    >>> int(r.loc["pr-050", "debut_year"]), float(r.loc["pr-050", "years_after_debut"])
    (1998, 1.5)
    """
    import pandas as pd

    products = _products(model_ids)
    debut = (
        products[products["kind"].isin(["reveal", "launch"])]
        .groupby("model_id", observed=True)["date"]
        .min()
        .dt.year
    )
    keep = products["kind"].isin(["concept", "reveal", "launch"]) | products["measure"].isin(
        VOLUME_MEASURES
    ).fillna(False)
    rows = products[keep & products["date"].notna()].copy()
    rows = rows[rows["model_id"].isin(debut.index)]
    rows["debut_year"] = [int(debut[m]) for m in rows["model_id"]]
    rows["years_after_debut"] = [
        _years_after(d, p, y)
        for d, p, y in zip(rows["date"], rows["date_precision"], rows["debut_year"], strict=True)
    ]
    labels = []
    for r in rows.itertuples(index=False):
        if pd.isna(r.measure):
            labels.append(str(r.kind))
            continue
        text = f"{_count_text(r.value, r.unit)} {_MEASURE_WORDS[str(r.measure)]}"
        scope = "" if pd.isna(r.scope) else str(r.scope).split(",")[0]
        labels.append(text + (f" ({scope})" if scope else ""))
    rows["label"] = labels
    order = {m: i for i, m in enumerate(model_ids)}
    rows["_order"] = rows["model_id"].astype(str).map(order)
    cols = [
        "id",
        "model_id",
        "model",
        "debut_year",
        "kind",
        "measure",
        "date",
        "years_after_debut",
        "value",
        "unit",
        "scope",
        "label",
        "source_id",
        "confidence",
    ]
    out = rows.sort_values(["_order", "date", "id"], kind="stable")[cols]
    return out.reset_index(drop=True)


FOUR_AS = {
    "Allegory": "the brand's story: the tale a revived brand tells about itself",
    "Aura": "the brand's essence: the sense of authenticity it carries",
    "Arcadia": "an idealised community, a place and time the brand evokes",
    "Antinomy": "the brand's paradox: old and new, or other opposites, held together",
}


def four_as_reading():
    """Brown, Kozinets and Sherry's four As of retro branding (2003), read on the Renault 5
    E-Tech. Each reading is a teaching suggestion (``classification_basis``) to argue with;
    ``evidence`` lists the products rows it rests on (tables ``four_as_readings`` and
    ``four_as_evidence``).

    >>> four_as_reading()["dimension"].tolist()
    ['Allegory', 'Aura', 'Arcadia', 'Antinomy']
    """
    import pandas as pd

    evidence = load("four_as_evidence")
    rows = []
    for reading in load("four_as_readings").itertuples(index=False):
        products = evidence.loc[evidence["dimension"] == reading.dimension, "product_id"]
        rows.append(
            {
                "dimension": str(reading.dimension),
                "definition": FOUR_AS[reading.dimension],
                "r5_reading": reading.reading_en,
                "evidence": ", ".join(products),
                "classification_basis": reading.classification_basis,
                "source_id": reading.source_id,
            }
        )
    return pd.DataFrame(rows)
