"""Exercises of notebook 03 (product): list prices, the cheapest electric car, a revival's sales."""

from __future__ import annotations

from casestudy import data

from .core import Exercise, Mistake

NB = "03-product"
R5 = "renault_5_e_tech"


def _rows(model: str, measures: list[str]) -> dict:
    products = data.load("products")
    rows = products[(products["model_id"] == model) & products["measure"].isin(measures)]
    return dict(zip(rows["id"], rows["value"].astype(float), strict=True))


def _cheapest(model: str, measure: str = "list_price") -> float:
    return min(_rows(model, [measure]).values())


def _yearly_sales(model: str) -> dict[int, float]:
    products = data.load("products")
    rows = products[(products["model_id"] == model) & (products["measure"] == "sales")]
    return {int(d.year): float(v) for d, v in zip(rows["date"], rows["value"], strict=True)}


EXERCISES = [
    Exercise(
        id="ex-03-r5-prices",
        notebook=NB,
        kind="table",
        title_en="Filter: every list price of the Renault 5 E-Tech (row id and EUR)",
        title_fr="Filtrer : tous les prix catalogue de la Renault 5 E-Tech (id de ligne et EUR)",
        key="id",
        expected=lambda: _rows(R5, ["list_price"]),
        mistakes=(
            Mistake(
                lambda: _rows(R5, ["list_price", "price_promised", "price_after_aid"]),
                "You kept every price-like row: the promised price and the price after aid are "
                "not list prices (keep measure == 'list_price' only).",
                "Vous avez gardé toutes les lignes de prix : le prix promis et le prix après "
                "aides ne sont pas des prix catalogue (gardez measure == 'list_price').",
            ),
            Mistake(
                lambda: {
                    k: v
                    for k, v in _rows(R5, ["list_price"]).items()
                    if data.load("products").set_index("id").loc[k, "confidence"] == "high"
                },
                "You dropped the two launch prices of medium confidence. They disagree "
                "(EUR 33,490 and 32,900); keep both and say so.",
                "Vous avez écarté les deux prix de lancement de confiance moyenne. Ils "
                "divergent (33 490 et 32 900 EUR) ; gardez les deux et dites-le.",
            ),
        ),
        done_en="Four list prices from three moments; the two launch prices come from two "
        "sources that disagree.",
        done_fr="Quatre prix catalogue, trois moments ; les deux prix de lancement viennent de "
        "deux sources qui divergent.",
    ),
    Exercise(
        id="ex-03-price-gap",
        notebook=NB,
        kind="value",
        title_en="Group by model: how much more the cheapest R5 E-Tech costs than the cheapest "
        "Dacia Spring (list prices, EUR)",
        title_fr="Regrouper par modèle : l'écart entre la R5 E-Tech la moins chère et la Dacia "
        "Spring la moins chère (prix catalogue, EUR)",
        expected=lambda: _cheapest(R5) - _cheapest("dacia_spring"),
        mistakes=(
            Mistake(
                lambda: _cheapest(R5, "price_promised") - _cheapest("dacia_spring"),
                "You used the promised 'around EUR 25,000', not a list price: the promise is "
                "not a price anyone paid.",
                "Vous avez pris les « environ 25 000 EUR » promis, pas un prix catalogue : une "
                "promesse n'est pas un prix payé.",
            ),
            Mistake(
                lambda: _cheapest(R5, "price_after_aid") - _cheapest("dacia_spring"),
                "You used the R5 price after the bonus and the CEE premium, against a Spring "
                "price before any aid: compare list prices on both sides.",
                "Vous avez pris le prix de la R5 après bonus et prime CEE, contre un prix de la "
                "Spring sans aide : comparez des prix catalogue des deux côtés.",
            ),
            Mistake(
                lambda: max(_rows(R5, ["list_price"]).values()) - _cheapest("dacia_spring"),
                "You took the R5's highest list price (the launch version); the question asks "
                "for the cheapest (min, not max).",
                "Vous avez pris le prix catalogue le plus élevé de la R5 (version de lancement) "
                "; la question demande le moins cher (min, pas max).",
            ),
        ),
        done_en="Even the entry 'Five' version costs far more than Dacia's small electric car.",
        done_fr="Même la version d'entrée « Five » coûte bien plus que la petite électrique de "
        "Dacia.",
    ),
    Exercise(
        id="ex-03-fiat-chart",
        notebook=NB,
        kind="chart",
        title_en="Chart: yearly sales of the Fiat 500e, 2021-2023 (vehicles)",
        title_fr="Graphique : ventes annuelles de la Fiat 500e, 2021-2023 (véhicules)",
        expected=lambda: _yearly_sales("fiat_500e"),
        mistakes=(
            Mistake(
                lambda: {y: v / 1000 for y, v in _yearly_sales("fiat_500e").items()},
                "You drew thousands of vehicles; the table counts vehicles — draw the values "
                "as they are and say the unit on the axis.",
                "Vous avez tracé des milliers de véhicules ; le tableau compte des véhicules — "
                "tracez les valeurs telles quelles et indiquez l'unité sur l'axe.",
            ),
            Mistake(
                lambda: _yearly_sales("fiat_500"),
                "That is the petrol Fiat 500 of 2007 (model_id fiat_500); the electric one is "
                "fiat_500e.",
                "C'est la Fiat 500 thermique de 2007 (model_id fiat_500) ; l'électrique est "
                "fiat_500e.",
            ),
        ),
        done_en="A revival that kept growing for three years — in our sources, at least.",
        done_fr="Une renaissance qui a crû trois ans de suite — du moins dans nos sources.",
    ),
]
