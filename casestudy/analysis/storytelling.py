"""04-storytelling: claims checked against the case data, the hero's journey and Freytag's arc
as teaching suggestions, and which names the episode synopses carry."""

from __future__ import annotations

from ..data import CaseDataError, load
from .core import SERIES_RELEASE_EVENT, TEACHING_SUGGESTION, _pick_one, financial_series

VERDICTS = ("supported", "partly supported", "contradicted", "not checkable")
NOTHING_TO_CHECK = "The case data holds nothing to check this against."


def _amount(value: float, unit: str) -> str:
    """-8,008 EUR million or 7.9 % of revenue: a value with its unit, as in the tables."""
    if str(unit).startswith("%"):
        return f"{value:.1f} {unit}"
    return f"{value:,.0f} {unit}"


def _financial_row(fin, metric: str, period: str, year: int):
    rows = fin[
        (fin["metric"] == metric)
        & (fin["period"] == period)
        & (fin["year"] == year)
        & (fin["basis"] == "as_published")
    ]
    if rows.empty:
        raise CaseDataError(f"claims: no as-published financials row for {metric}, {period} {year}")
    # where sources disagree, a claim is checked against the row financial_series would choose
    return _pick_one(rows, ["year"], []).iloc[0]


def _check_value(claim, fin):
    """A claimed figure against financials: the claimed row, then any row of that year."""
    row = _financial_row(
        fin, claim.evidence_metric, claim.evidence_period, int(claim.evidence_year)
    )
    if str(row["unit"]) != str(claim.claimed_unit):
        raise CaseDataError(
            f"claims {claim.id}: claimed_unit '{claim.claimed_unit}' is not the unit of "
            f"{claim.evidence_metric} ('{row['unit']}')"
        )
    half_step = float(claim.claimed_precision) / 2 + 1e-9
    claimed = float(claim.claimed_value)
    where = f"{claim.evidence_metric}, {claim.evidence_period} {int(claim.evidence_year)}"
    says = f"The data give {_amount(row['value'], row['unit'])} for {where}"
    ids = [str(row["source_id"])]
    if abs(row["value"] - claimed) <= half_step:
        return f"financials: {where}", says + ": the claim rounds it correctly.", "supported", ids
    same_year = fin[
        (fin["year"] == int(claim.evidence_year))
        & (fin["unit"] == row["unit"])
        & (fin["basis"] == "as_published")
        & ((fin["value"] - claimed).abs() <= half_step)
    ]
    if len(same_year):
        alt = same_year.iloc[0]
        ids.append(str(alt["source_id"]))
        return (
            f"financials: {where}",
            says + f"; the claimed figure matches {alt['metric']}, {alt['period']} "
            f"{int(alt['year'])} ({_amount(alt['value'], alt['unit'])}) instead.",
            "partly supported",
            ids,
        )
    return (
        f"financials: {where}",
        says + f"; no figure of {int(claim.evidence_year)} in the data rounds to the claim.",
        "contradicted",
        ids,
    )


def _check_record(claim, high: bool):
    """A 'highest' or 'lowest' claim against every earlier year of the metric (as published)."""
    metric, period, year = claim.evidence_metric, claim.evidence_period, int(claim.evidence_year)
    series = financial_series(metric, period=period)
    if year not in series.index:
        raise CaseDataError(f"claims {claim.id}: no {metric}, {period} {year} in financials")
    unit = series.attrs["unit"]
    value = float(series[year])
    earlier, later = series[series.index < year], series[series.index > year]
    ids = [series.attrs["source_ids"][y] for y in series.index]
    where = f"financials: {metric}, {period} {year}"
    word = "above" if high else "below"
    if earlier.empty:
        return where, f"No year before {year} in the data to compare with.", "not checkable", ids
    best_year = int(earlier.idxmax() if high else earlier.idxmin())
    is_record = value > earlier.max() if high else value < earlier.min()
    span = f"{int(earlier.index.min())}–{year - 1}"
    if is_record:
        says = (
            f"{year}: {_amount(value, unit)}, {word} every earlier year in the data ({span}; "
            f"the nearest was {_amount(earlier[best_year], unit)} in {best_year})."
        )
    else:
        says = (
            f"{year}: {_amount(value, unit)}, not a record in the data: {best_year} was "
            f"{_amount(earlier[best_year], unit)}."
        )
    beaten = later[later > value] if high else later[later < value]
    if len(beaten):
        first = int(beaten.index.min())
        says += f" Since then, {first} went further ({_amount(beaten[first], unit)})."
    elif len(later):
        first, last = int(later.index.min()), int(later.index.max())
        says += f" No later year in the data ({first}" + (f"–{last}" if last > first else "")
        says += ") beats it."
    return where, says, "supported" if is_record else "contradicted", ids


def _at_precision(when, precision: int) -> str:
    return when.strftime(("%Y", "%Y-%m", "%Y-%m-%d")[precision - 1])


def _actors(text) -> set[str]:
    return (
        {a.strip() for a in str(text).split(";") if a.strip()} if isinstance(text, str) else set()
    )


def _check_date(claim, events):
    """A claimed date against an event, at the claim's precision; then against related events
    (same theme, a shared actor) that the claimed date could have been taken from."""
    event = events.loc[claim.evidence_event]
    claimed = str(claim.claimed_date)
    precision = min(claimed.count("-") + 1, 2 if event["date_precision"] == "month" else 3)
    claimed = claimed[: (4, 7, 10)[precision - 1]]
    shown = _at_precision(event["date"], precision)
    where = f"events: {claim.evidence_event}"
    says = f'{claim.evidence_event} "{event["title_en"]}" is dated {shown}'
    ids = [str(event["source_id"])]
    if shown == claimed:
        return where, says + ": the claim agrees.", "supported", ids
    related = events[
        (events.index != claim.evidence_event)
        & (events["theme"] == event["theme"])
        & events["actors"].map(lambda a: bool(_actors(a) & _actors(event["actors"])))
        & events["date"].map(lambda d: _at_precision(d, precision) == claimed)
    ]
    if len(related):
        alt_id = related.index[0]
        alt = related.iloc[0]
        ids.append(str(alt["source_id"]))
        return (
            where,
            says + f'; the claimed date matches {alt_id} "{alt["title_en"]}" '
            f"({_at_precision(alt['date'], precision)}) instead.",
            "partly supported",
            ids,
        )
    return where, says + f"; no related event in the data falls in {claimed}.", "contradicted", ids


def _lookup(claim, fin, events):
    """The evidence row, shown for a verdict no rule can decide."""
    if claim.evidence_table == "financials":
        row = _financial_row(
            fin, claim.evidence_metric, claim.evidence_period, int(claim.evidence_year)
        )
        where = f"{claim.evidence_metric}, {claim.evidence_period} {int(claim.evidence_year)}"
        note = f" (note: {row['note']})" if isinstance(row["note"], str) and row["note"] else ""
        return (
            f"financials: {where}",
            f"{where}: {_amount(row['value'], row['unit'])}{note}.",
            [str(row["source_id"])],
        )
    event = events.loc[claim.evidence_event]
    note = f" Note: {event['note']}." if isinstance(event["note"], str) and event["note"] else ""
    return (
        f"events: {claim.evidence_event}",
        f"{claim.evidence_event} ({_at_precision(event['date'], 3)}): {event['title_en']}.{note}",
        [str(event["source_id"])],
    )


def check_claims():
    """Every claim of the ``claims`` table next to what the case data says about it.

    ``data_says`` is one sentence computed from the tables, and ``data_verdict`` the verdict a
    stated rule gives, where one applies (``check`` column):

    * ``value``: the claimed figure is compared with the financials row, and *supported* if the
      row rounds to it (``claimed_precision``); *partly supported* if it rounds to another row of
      the same year and unit instead (a right number for the wrong period or measure);
      otherwise *contradicted*. Such a match is a lead to follow, not proof: any row counts, so
      a claimed loss of 5.0 billion in 2020 would match Nissan's contribution.
    * ``record_high`` / ``record_low``: *supported* if the year beats every earlier year of the
      metric in the data (as published), else *contradicted*; later years are reported, since a
      record is judged when it is claimed.
    * ``date``: the event's date at the claim's precision; *partly supported* if the claimed date
      is that of a related event (same theme, a shared actor), else *contradicted*.
    * ``lookup`` and ``none``: the evidence row, or nothing, is shown; no rule decides
      (``data_verdict`` is empty) and ``verdict`` is the authors' judgement.

    ``agrees`` compares the authors' ``verdict`` with ``data_verdict``; where the verdict's
    ``classification_basis`` is ``data check`` they must agree (the tests say so). The result
    carries every source behind it in ``.attrs["source_ids"]``.

    >>> c = check_claims().set_index("id")
    >>> str(c.loc["cl-01", "data_verdict"]), str(c.loc["cl-08", "data_verdict"])
    ('partly supported', 'contradicted')
    """
    import pandas as pd

    claims = load("claims")
    fin = load("financials")
    events = load("events").set_index("id")
    rows = []
    sources: set[str] = set(claims["source_id"].astype(str))
    for claim in claims.itertuples(index=False):
        kind = str(claim.check)
        verdict = None
        if kind == "value":
            evidence, says, verdict, ids = _check_value(claim, fin)
        elif kind in ("record_high", "record_low"):
            evidence, says, verdict, ids = _check_record(claim, high=kind == "record_high")
        elif kind == "date":
            evidence, says, verdict, ids = _check_date(claim, events)
        elif kind == "lookup":
            evidence, says, ids = _lookup(claim, fin, events)
        else:
            evidence, says, ids = "", NOTHING_TO_CHECK, []
        sources.update(ids)
        rows.append(
            {
                "id": claim.id,
                "claimant": claim.claimant,
                "claimant_type": str(claim.claimant_type),
                "claim_en": claim.claim_en,
                "check": kind,
                "evidence": evidence,
                "data_says": says,
                "data_verdict": verdict,
                "verdict": str(claim.verdict),
                "classification_basis": str(claim.classification_basis),
                "agrees": None if verdict is None else verdict == str(claim.verdict),
                "confidence": str(claim.confidence),
                "source_id": claim.source_id,
                "evidence_source_ids": ", ".join(dict.fromkeys(ids)),
            }
        )
    out = pd.DataFrame(rows)
    for col in ("data_verdict", "verdict"):
        out[col] = pd.Categorical(out[col], categories=list(VERDICTS))
    out["agrees"] = out["agrees"].astype("boolean")
    out.attrs["source_ids"] = sorted(sources)
    return out


# Joseph Campbell's 17 stages of the hero's journey, in three acts (Campbell 1949).
HERO_ACTS = {
    "departure": (
        "call to adventure",
        "refusal of the call",
        "supernatural aid",
        "crossing the first threshold",
        "belly of the whale",
    ),
    "initiation": (
        "road of trials",
        "meeting with the goddess",
        "woman as temptress",
        "atonement with the father",
        "apotheosis",
        "ultimate boon",
    ),
    "return": (
        "refusal of the return",
        "magic flight",
        "rescue from without",
        "crossing the return threshold",
        "master of two worlds",
        "freedom to live",
    ),
}
_STAGE_ACT = {stage: act for act, stages in HERO_ACTS.items() for stage in stages}


def _hero_items():
    """(item, kind, date, label, stage, why, basis, source_id) for every row of the
    ``hero_readings`` table: an episode is named ``ep-N`` and dated by the series' release."""
    import pandas as pd

    episodes = load("episodes").set_index("episode")
    events = load("events").set_index("id")
    release = events.loc[SERIES_RELEASE_EVENT]
    items = []
    for r in load("hero_readings").itertuples(index=False):
        reading = (str(r.stage), r.why_en, r.classification_basis)
        if not pd.isna(r.episode):
            ep = episodes.loc[int(r.episode)]
            title = ep["title_fr"] if isinstance(ep["title_fr"], str) else ep["title_it"]
            label = f"Episode {int(r.episode)}: {title} ({ep['title_en_gloss']})"
            item = f"ep-{int(r.episode)}"
            items.append((item, "episode", release["date"], label, *reading, ep["source_id"]))
        else:
            ev = events.loc[r.event_id]
            items.append(
                (r.event_id, "event", ev["date"], ev["title_en"], *reading, ev["source_id"])
            )
    return items


def hero_journey():
    """Episodes of the series and events of the case read as stages of Campbell's hero's
    journey. Every row is a teaching suggestion (``classification_basis``): ``why`` gives the
    reasoning, to be argued with. Episodes are dated by the series' release.

    >>> hj = hero_journey().set_index("item")
    >>> hj.loc["ep-1", "stage"], hj.loc["ep-4", "act"]
    ('call to adventure', 'initiation')
    """
    import pandas as pd

    rows = []
    for item, kind, when, label, stage, why, basis, source_id in _hero_items():
        rows.append(
            {
                "item": item,
                "kind": kind,
                "date": when,
                "label": label,
                "act": _STAGE_ACT[stage],
                "stage": stage,
                "why": why,
                "classification_basis": basis,
                "source_id": source_id,
            }
        )
    return pd.DataFrame(rows)


def compare_hero_stages(my_map):
    """Your reading of episodes and events as hero's-journey stages, next to the suggestion.

    ``my_map`` maps items (``"ep-1"`` … ``"ep-4"`` or event ids) to an act (``departure``,
    ``initiation``, ``return``) or to one of Campbell's stages (:data:`HERO_ACTS`), or None
    while you have not decided. The suggestion shows only for items you have tagged;
    ``agree`` compares acts (and, where you named a stage, ``same_stage`` compares stages).

    >>> compare_hero_stages({"ep-2": "road of trials", "ep-4": None})["agree"].tolist()
    [True, <NA>]
    """
    import pandas as pd

    suggestions = hero_journey().set_index("item")
    rows = []
    for item, answer in my_map.items():
        if item not in suggestions.index:
            raise ValueError(
                f"no suggestion for '{item}'; tag one of: {', '.join(suggestions.index)}"
            )
        given = None if answer is None else str(answer).strip().lower()
        if given is not None and given not in HERO_ACTS and given not in _STAGE_ACT:
            raise ValueError(
                f"{item}: '{answer}' is neither an act ({', '.join(HERO_ACTS)}) nor one of "
                "Campbell's stages (casestudy.analysis.HERO_ACTS lists them)"
            )
        your_act = _STAGE_ACT.get(given, given)
        your_stage = given if given in _STAGE_ACT else None
        s = suggestions.loc[item]
        hidden = given is None
        rows.append(
            {
                "item": item,
                "label": s["label"],
                "your_act": your_act,
                "your_stage": your_stage,
                "suggested_act": None if hidden else s["act"],
                "suggested_stage": "(tag it first)" if hidden else s["stage"],
                "agree": None if hidden else your_act == s["act"],
                "same_stage": None if your_stage is None else your_stage == s["stage"],
                "why": "" if hidden else s["why"],
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "item",
            "label",
            "your_act",
            "your_stage",
            "suggested_act",
            "suggested_stage",
            "agree",
            "same_stage",
            "why",
        ],
    )
    out["agree"] = out["agree"].astype("boolean")
    out["same_stage"] = out["same_stage"].astype("boolean")
    return out


def freytag_parts() -> tuple[tuple[str, str, str, str], ...]:
    """Freytag's five parts laid on the case's calendar, from the ``freytag_parts`` table:
    (part, from event, to event, why), in order. A teaching suggestion; the climax is a moment,
    so it starts and ends on the same event.

    >>> freytag_parts()[2][:3]
    ('climax', 'ev-069', 'ev-069')
    """
    table = load("freytag_parts")
    return tuple(
        (str(r.part), r.start_event, r.end_event, r.why_en) for r in table.itertuples(index=False)
    )


def freytag_arc():
    """Freytag's five parts (exposition, rising action, climax, falling action, dénouement)
    placed on the case's calendar by events: a teaching suggestion, with the dates taken from
    the events table. ``in_series`` says whether the part falls within what the series shows.

    >>> arc = freytag_arc().set_index("part")
    >>> bool(arc.loc["climax", "in_series"]), bool(arc.loc["falling action", "in_series"])
    (True, False)
    """
    import pandas as pd

    events = load("events").set_index("id")
    release = events.loc[SERIES_RELEASE_EVENT, "date"]
    rows = []
    for part, start, end, why in freytag_parts():
        rows.append(
            {
                "part": part,
                "start": events.loc[start, "date"],
                "end": events.loc[end, "date"],
                "start_event": start,
                "end_event": end,
                "in_series": events.loc[end, "date"] <= release,
                "why": why,
                "classification_basis": TEACHING_SUGGESTION,
            }
        )
    return pd.DataFrame(rows)


def story_mentions(terms):
    """Which episode synopses, and how many case events, name each term (case-insensitive).

    Episodes are searched in their titles and ``content_en``; events in ``title_en``,
    ``actors`` and ``note``. A synopsis is a few lines written to sell the episode: a name
    missing from it is a question to ask, not proof that the series leaves it out.

    >>> m = story_mentions(["Ghosn", "Nissan"]).set_index("term")
    >>> m.loc["Ghosn", "episodes"], m.loc["Nissan", "episodes"]
    ('1', 'none')
    """
    import re

    import pandas as pd

    episodes = load("episodes")
    events = load("events")
    ep_text = (
        episodes[["title_fr", "title_it", "title_en_gloss", "content_en"]]
        .fillna("")
        .astype(str)
        .agg(" ".join, axis=1)
    )
    ev_text = events[["title_en", "actors", "note"]].fillna("").astype(str).agg(" ".join, axis=1)
    rows = []
    for term in terms:
        pattern = re.compile(re.escape(str(term).strip()), re.IGNORECASE)
        found = [
            int(n)
            for n, text in zip(episodes["episode"], ep_text, strict=True)
            if pattern.search(text)
        ]
        rows.append(
            {
                "term": term,
                "episodes": ", ".join(str(n) for n in found) or "none",
                "n_episodes": len(found),
                "n_events": sum(bool(pattern.search(text)) for text in ev_text),
            }
        )
    return pd.DataFrame(rows, columns=["term", "episodes", "n_episodes", "n_events"])


def __getattr__(name: str):
    # FREYTAG_PARTS was a constant before the parts became the freytag_parts table
    if name == "FREYTAG_PARTS":
        return freytag_parts()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
