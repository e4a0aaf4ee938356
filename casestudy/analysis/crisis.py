"""01-crisis: half-years, Nissan's share of the result, classifying crisis responses."""

from __future__ import annotations

from ..data import allowed_values, load
from .core import financial_series

H2_DERIVED = "derived: FY - H1"
CLASSIFICATION_COLUMNS = {"scct": "scct_posture", "benoit": "benoit_category"}


def half_years(metric: str, first_year: int = 2018, last_year: int = 2020):
    """First half, second half and full year of an amount, one row per year (as published).

    ``H2`` is the published second-half figure where the table has one; otherwise it is derived
    as ``FY - H1`` and the column ``h2_basis`` says so. A percentage cannot be split by
    subtraction, so ``operating_margin_pct`` raises a ValueError: take the amounts
    (``operating_margin`` and ``revenue``) and divide.

    >>> t = half_years("net_income_group_share")
    >>> float(t.loc[2020, "H1"]), float(t.loc[2020, "FY"])
    (-7292.0, -8008.0)
    """
    import pandas as pd

    fy = financial_series(metric, period="FY")
    if fy.attrs.get("unit", "").startswith("%"):
        raise ValueError(
            f"'{metric}' is a percentage: a second half cannot be derived by subtraction; "
            "use the amounts (e.g. operating_margin and revenue) and divide"
        )
    h1 = financial_series(metric, period="H1")
    h2 = financial_series(metric, period="H2")
    years = list(range(first_year, last_year + 1))
    table = pd.DataFrame(
        {"H1": h1.reindex(years), "H2": h2.reindex(years), "FY": fy.reindex(years)}
    )
    table.index.name = "year"
    basis = pd.Series("", index=table.index, dtype="string")
    basis[table["H2"].notna()] = "published"
    derivable = table["H2"].isna() & table["H1"].notna() & table["FY"].notna()
    table.loc[derivable, "H2"] = table["FY"] - table["H1"]
    basis[derivable] = H2_DERIVED
    table["h2_basis"] = basis
    # which source each cell rests on: a derived H2 rests on the H1 and FY rows
    cell_sources: dict[tuple[int, str], list[str]] = {}
    for period, series in (("H1", h1), ("H2", h2), ("FY", fy)):
        for year, sid in series.attrs["source_ids"].items():
            if year in years:
                cell_sources[(int(year), period)] = [sid]
    for year in table.index[derivable]:
        cell_sources[(int(year), "H2")] = sorted(
            set(cell_sources[(int(year), "H1")] + cell_sources[(int(year), "FY")])
        )
    table.attrs["cell_sources"] = cell_sources
    table.attrs["source_ids"] = sorted({s for ids in cell_sources.values() for s in ids})
    table.attrs["unit"] = fy.attrs.get("unit", "")
    table.attrs["metric"] = metric
    return table


def nissan_split(
    metric: str = "net_income_group_share", first_year: int = 2018, last_year: int = 2020
):
    """Net income per period with Nissan's contribution set apart from the rest of the group.

    Renault accounts for its stake in Nissan by the equity method: a share of Nissan's result
    enters Renault's net income as one line, ``nissan_contribution``. This table puts that line
    next to the net income (``metric``: ``net_income_group_share`` by default, or
    ``net_income`` for the total) and the remainder, ``excluding_nissan``.

    One row per full year, then one per half-year for the years where the case data gives
    Nissan's first-half contribution. ``nissan_share_pct`` is Nissan's contribution as a
    percentage of the net income when Nissan and the rest of the group pull the same way
    (empty otherwise: when one part is a profit and the other a loss, "Nissan's share" has no
    meaning). ``derived`` is True where a second half was computed as full year minus first
    half.

    >>> fy2020 = nissan_split().set_index("label").loc["FY 2020"]
    >>> float(fy2020["nissan_contribution"]), round(float(fy2020["nissan_share_pct"]))
    (-4970.0, 62)
    """
    import pandas as pd

    result = half_years(metric, first_year, last_year)
    nissan = half_years("nissan_contribution", first_year, last_year)
    rows = []
    used: set[str] = set()

    def add(year: int, period: str) -> None:
        value, contrib = result.loc[year, period], nissan.loc[year, period]
        if pd.isna(value) or pd.isna(contrib):
            return
        for table in (result, nissan):
            used.update(table.attrs["cell_sources"][(year, period)])
        derived = period == "H2" and H2_DERIVED in (
            result.loc[year, "h2_basis"],
            nissan.loc[year, "h2_basis"],
        )
        rest = value - contrib
        same_way = (
            contrib != 0
            and (contrib > 0) == (value > 0)
            and (rest == 0 or (rest > 0) == (value > 0))
        )
        rows.append(
            {
                "label": f"{period} {year}",
                "year": year,
                "period": period,
                metric: float(value),
                "nissan_contribution": float(contrib),
                "excluding_nissan": float(rest),
                "nissan_share_pct": float(contrib / value * 100) if same_way else float("nan"),
                "derived": derived,
            }
        )

    for year in result.index:
        add(int(year), "FY")
    for year in result.index:
        if pd.notna(nissan.loc[year, "H1"]):
            add(int(year), "H1")
            add(int(year), "H2")
    out = pd.DataFrame(rows)
    out.attrs["source_ids"] = sorted(used)
    out.attrs["metric"] = metric
    return out


def compare_classification(answers, framework: str = "scct"):
    """Your classification of the crisis responses next to the teaching suggestion.

    ``answers`` maps response ids of the ``crisis_responses`` table to a label: an SCCT
    posture (``deny``, ``diminish``, ``rebuild``, ``bolster``) with ``framework="scct"``, or a
    Benoit category (``denial``, ``evasion of responsibility``, ``reducing offensiveness``,
    ``corrective action``, ``mortification``) with ``framework="benoit"``. The suggestion is
    the authors' reading, not a right answer: ``note`` says why it is debatable.

    >>> compare_classification({"cr-08": "deny"})["agree"].tolist()
    [True]
    """
    import pandas as pd

    if framework not in CLASSIFICATION_COLUMNS:
        raise ValueError(f"framework must be one of {', '.join(CLASSIFICATION_COLUMNS)}")
    column = CLASSIFICATION_COLUMNS[framework]
    allowed = allowed_values("crisis_responses", column)
    table = load("crisis_responses").set_index("id")
    rows = []
    for response_id, label in answers.items():
        if response_id not in table.index:
            raise ValueError(
                f"no crisis response '{response_id}'; the ids are {', '.join(table.index)}"
            )
        given = str(label).strip().lower()
        if given not in allowed:
            raise ValueError(
                f"{response_id}: '{label}' is not a {framework} label; choose one of "
                f"{', '.join(allowed)}"
            )
        row = table.loc[response_id]
        suggested = str(row[column])
        rows.append(
            {
                "id": response_id,
                "response_en": row["response_en"],
                "your_answer": given,
                "suggested": suggested,
                "agree": given == suggested,
                "note": row["note"],
            }
        )
    out = pd.DataFrame(
        rows, columns=["id", "response_en", "your_answer", "suggested", "agree", "note"]
    )
    return out.sort_values("id").reset_index(drop=True)
