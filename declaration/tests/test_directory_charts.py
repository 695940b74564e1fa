import datetime
import xml.etree.ElementTree as ET

from declaration.charts import cumulative_by_quarter, signatories_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_it_fills_empty_quarters_up_to_today():
    quarters = cumulative_by_quarter(
        [(datetime.date(2018, 7, 1), 45), (datetime.date(2019, 1, 1), 5)], until=datetime.date(2019, 5, 20)
    )

    assert [(q.label, q.signed, q.total) for q in quarters] == [
        ("July to September 2018", 45, 45),
        ("October to December 2018", 0, 45),
        ("January to March 2019", 5, 50),
        ("April to June 2019", 0, 50),
    ]


def test_it_draws_nothing_without_signatories():
    assert cumulative_by_quarter([], until=datetime.date(2026, 1, 1)) == []
    assert signatories_svg([]) == ""


def test_it_draws_an_accessible_svg_without_inline_styles():
    quarters = cumulative_by_quarter([(datetime.date(2018, 7, 1), 45)], until=datetime.date(2020, 1, 1))

    svg = ET.fromstring(signatories_svg(quarters))  # noqa: S314 - markup the service drew

    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Signatories over time"
    assert "from July to September 2018 to January to March 2020" in svg.find(f"{SVG}desc").text
    assert len(svg.findall(f"{SVG}rect")) == len(quarters) == 7
    assert not [element for element in svg.iter() if element.get("style") or element.tag == f"{SVG}script"]
