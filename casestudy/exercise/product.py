"""Notebook 03 (product): the R5 E-Tech's list prices, its cheapest version, milestones by year."""

from __future__ import annotations

from .core import Exercise, Mistake

NOTEBOOK = "03-product"
R5 = "renault_5_e_tech"
TABLE_COLUMNS = {"ex-03-r5-prices": ("id", "value")}


def _prices(model: str | None = R5, measures=("list_price",)) -> dict:
    from casestudy import load

    products = load("products")
    rows = products[products["measure"].isin(measures)]
    if model is not None:
        rows = rows[rows["model_id"] == model]
    return {i: float(v) for i, v in zip(rows["id"], rows["value"], strict=True)}


ALL_PRICES = ("list_price", "price_promised", "price_after_aid")
EVERY_PRICE = {
    "en": "Your table keeps the promised price or the price after state aid: neither is a list "
    "price. Filter measure == 'list_price' only.",
    "fr": "Votre table garde le prix promis ou le prix après aides\u00a0: ce ne sont pas des prix "
    "catalogue. Filtrez seulement measure == 'list_price'.",
}
EVERY_MODEL = {
    "en": "These are list prices of every model in the table. Add the model filter: "
    "model_id == 'renault_5_e_tech'.",
    "fr": "Ce sont les prix de tous les modèles. Ajoutez le filtre du modèle\u00a0: "
    "model_id == 'renault_5_e_tech'.",
}


def _milestones_by_year(model: str | None = R5) -> dict:
    from casestudy import load

    products = load("products")
    rows = products if model is None else products[products["model_id"] == model]
    counts = rows.dropna(subset=["date"]).groupby(rows["date"].dt.year).size()
    return {int(y): float(n) for y, n in counts.items()}


EXERCISES = (
    Exercise(
        id="ex-03-r5-prices",
        notebook=NOTEBOOK,
        kind="table",
        title={
            "en": "Filter: every list price recorded for the Renault 5 E-Tech (id → EUR)",
            "fr": "Filtrer : chaque prix catalogue de la Renault 5 E-Tech (id → EUR)",
        },
        expected=_prices,
        mistakes=(
            Mistake("every_price", lambda: _prices(measures=ALL_PRICES), EVERY_PRICE),
            Mistake("every_model", lambda: _prices(model=None), EVERY_MODEL),
        ),
    ),
    Exercise(
        id="ex-03-cheapest-r5",
        notebook=NOTEBOOK,
        kind="value",
        title={
            "en": "Aggregate: the lowest list price of the Renault 5 E-Tech (EUR, before aid)",
            "fr": "Agréger : le prix catalogue le plus bas de la Renault 5 E-Tech "
            "(EUR, hors aides)",
        },
        expected=lambda: min(_prices().values()),
        mistakes=(
            Mistake(
                "after_aid",
                lambda: min(_prices(measures=ALL_PRICES).values()),
                {
                    "en": "That is the price after the state bonus and energy-saving premium. "
                    "The promise was about the list price before aid.",
                    "fr": "C'est le prix après bonus et prime CEE. La promesse portait sur le "
                    "prix catalogue avant aides.",
                },
            ),
            Mistake("every_model", lambda: min(_prices(model=None).values()), EVERY_MODEL),
            Mistake(
                "promised",
                lambda: min(_prices(measures=("price_promised",)).values()),
                {
                    "en": "That is the price promised in 2021, not a price the car was sold at.",
                    "fr": "C'est le prix promis en 2021, pas un prix de vente.",
                },
            ),
        ),
        tolerance=0.5,
    ),
    Exercise(
        id="ex-03-chart-milestones",
        notebook=NOTEBOOK,
        kind="chart",
        title={
            "en": "Group and chart: R5 E-Tech milestones per year, bars labelled 'milestones'",
            "fr": "Grouper et tracer : jalons de la R5 E-Tech par an, barres 'milestones'",
        },
        expected=lambda: {"milestones": _milestones_by_year()},
        mistakes=(
            Mistake(
                "every_model",
                lambda: {"milestones": _milestones_by_year(None)},
                {
                    "en": "Your bars count the milestones of every model. Keep the R5 E-Tech "
                    "rows first: model_id == 'renault_5_e_tech'.",
                    "fr": "Vos barres comptent les jalons de tous les modèles. Gardez d'abord "
                    "la R5 E-Tech\u00a0: model_id == 'renault_5_e_tech'.",
                },
            ),
        ),
    ),
)
