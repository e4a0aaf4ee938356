"""Source addresses: the publisher's own in ``url``, a copy read elsewhere in ``copy_url``."""

from urllib.parse import urlparse

import pytest

import casestudy

# Document mirrors, scrapers and re-publishers seen in earlier editions of sources.csv. None of
# them is the publisher of what it shows, so none may stand as a document's address.
MIRROR_HOSTS = (
    "123dok.net",
    "academlib.com",
    "advfn.com",
    "automotiveworld.com",
    "bushdrum.com",
    "cdfg.in",
    "codeenigma.net",
    "csadviseron.com",
    "daily8.com",
    "docslib.org",
    "enodoworks.com",
    "europennews.com",
    "fdocuments.us",
    "financetom.com",
    "fvbb.com",
    "gettotext.com",
    "gnews.one",
    "heartlandheroes.com",
    "investiment.io",
    "jakotaindex.com",
    "lulop.com",
    "maghress.com",
    "mahalsa.fr",
    "marketscreener.com",
    "newsio.com",
    "pages.dev",
    "piglix.com",
    "pledgetimes.com",
    "scribd.com",
    "tellerreport.com",
    "trivano.com",
    "vdocuments.us",
    "webdisclosure.com",
    "wiredfocus.com",
    "world-today-news.com",
)


def _host(url: str) -> str:
    return urlparse(url).netloc.lower()


def _is_mirror(url: str) -> bool:
    host = _host(url)
    return any(host == m or host.endswith("." + m) for m in MIRROR_HOSTS)


@pytest.fixture(scope="module")
def sources():
    return casestudy.load("sources").fillna("")


def test_the_mirror_check_recognises_a_mirror():
    assert _is_mirror("https://fr.scribd.com/document/1/x")
    assert _is_mirror("https://de.advfn.com/borse/x")
    assert not _is_mirror("https://www.renaultgroup.com/en/finance-2/key-figures/")
    assert not _is_mirror("https://notscribd.com/x")


def test_no_mirror_is_given_as_a_documents_address(sources):
    bad = [f"{r.id}: {r.url}" for r in sources.itertuples() if r.url and _is_mirror(r.url)]
    assert not bad, "mirror given as the publisher's address (move it to copy_url):\n" + "\n".join(
        bad
    )


def test_every_source_can_be_found_again(sources):
    lost = [r.id for r in sources.itertuples() if not r.url and not r.copy_url]
    assert not lost, f"sources with neither an address nor a copy: {lost}"


def test_a_copy_is_not_the_address_itself(sources):
    same = [r.id for r in sources.itertuples() if r.url and r.url == r.copy_url]
    assert not same


def test_every_source_has_a_date_and_says_what_kind(sources):
    undated = [r.id for r in sources.itertuples() if not str(r.date).strip()]
    assert not undated, f"sources without a date: {undated}"
    assert set(sources["date_basis"]) <= {"published", "event", "period"}
    assert (sources["date_basis"] != "").all()


def test_cite_names_the_copy_as_a_copy(sources):
    with_copy = sources[sources["copy_url"] != ""]
    assert len(with_copy) > 0
    for row in with_copy.itertuples():
        text = casestudy.cite(row.id)
        assert f"copy consulted at {row.copy_url}" in text, text
        if row.url:
            assert text.index(row.url) < text.index("copy consulted at")
    plain = sources[(sources["copy_url"] == "") & (sources["url"] != "")].iloc[0]
    assert "copy consulted" not in casestudy.cite(plain["id"])
    assert plain["url"] in casestudy.cite(plain["id"])


def test_company_figures_from_renault_prefer_renault_pages(sources):
    """Financial rows whose source is a Renault document read through a mirror are the
    exception: where the key-figures page or a Renault-published release carries the same
    figure, the row cites it (FY2020 operating income is in the FY2020 release)."""
    fin = casestudy.load("financials")
    row = fin[
        (fin["year"] == 2020) & (fin["period"] == "FY") & (fin["metric"] == "operating_income")
    ]
    assert row["source_id"].tolist() == ["pr2020"]
    by_id = sources.set_index("id")
    assert by_id.loc["pr2020", "url"].startswith("https://www.press.renault.co.uk/")
    for sid in ("pr2024", "pr2025", "h12025pr"):
        assert _host(by_id.loc[sid, "url"]) == "media.renault-group.nl"
