import datetime
import zoneinfo

from hypothesis import given
from hypothesis import strategies as st

from core.spreadsheet import FORMULA_STARTS, csv_response, spreadsheet_cell

UTC = zoneinfo.ZoneInfo("UTC")


@given(st.text())
def test_it_never_leaves_a_cell_a_spreadsheet_would_run(text):
    cell = spreadsheet_cell(text)

    assert not str(cell).startswith(FORMULA_STARTS)
    assert str(cell).removeprefix("'") == text or cell == text


def test_it_keeps_a_formula_visible_behind_an_apostrophe():
    assert spreadsheet_cell('=HYPERLINK("http://evil.example")') == '\'=HYPERLINK("http://evil.example")'
    assert spreadsheet_cell("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_cell("+44 20 7946 0000") == "'+44 20 7946 0000"


def test_it_writes_times_in_the_uk_with_their_offset():
    summer = datetime.datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    winter = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    assert spreadsheet_cell(summer) == "2026-07-01T10:00:00+01:00"
    assert spreadsheet_cell(winter) == "2026-12-01T09:00:00+00:00"
    assert spreadsheet_cell(datetime.date(2026, 3, 29)) == "2026-03-29"


def test_it_writes_yes_no_and_blank():
    assert [spreadsheet_cell(True), spreadsheet_cell(False), spreadsheet_cell(None)] == ["yes", "no", ""]
    assert spreadsheet_cell(-5) == -5  # a number stays a number


def test_it_starts_the_file_with_a_byte_order_mark():
    response = csv_response("things.csv", ["name"], [["Ynys Môn"], ["=1+1"]])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="things.csv"'
    assert response.content.decode("utf-8") == "\ufeffname\r\nYnys Môn\r\n'=1+1\r\n"
