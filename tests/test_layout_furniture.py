"""Running headers and wrapped titles in laid-out pages (PDF text layers, OCR boxes, OFD)."""
from __future__ import annotations

from fazhi.read.layout import Line, Page, assemble


def _body(top: float, n: int, text: str = "全年受理行政复议案件六十四件，办结五十八件，依法纠错九件") -> list[Line]:
    return [Line(text, 79.0, 79.0 + 14 * len(text), top + i * 23, top + i * 23 + 14) for i in range(n)]


def test_a_header_printed_once_on_page_two_is_furniture():
    p1 = Page(595, 842, _body(100, 30))
    header = Line("绵阳市人民政府", 260.0, 323.0, 48.0, 57.0)  # 9 pt, in the top band, set off from the body
    p2 = Page(595, 842, [header] + _body(100, 5))
    assert "绵阳市人民政府" not in assemble([p1, p2])


def test_a_body_line_at_the_top_of_page_two_stays():
    p1 = Page(595, 842, _body(100, 30))
    first = Line("绵阳市人民政府", 79.0, 177.0, 100.0, 114.0)  # body type: the text goes on
    p2 = Page(595, 842, [first] + _body(123, 5))
    assert "绵阳市人民政府" in assemble([p1, p2])


def test_a_small_line_at_the_top_of_page_one_stays():
    note = Line("绵阳市人民政府", 260.0, 323.0, 48.0, 57.0)
    assert "绵阳市人民政府" in assemble([Page(595, 842, [note] + _body(100, 30))])


def test_a_title_wrapped_to_one_character_in_a_padded_box_is_joined():
    title = "成都市武侯区2023年法治政府建设年度报"
    lines = [Line(title, 120.5, 479.5, 134.9, 157.9),     # OCR box of a 20 pt title line
             Line("告", 286.1, 314.9, 164.6, 193.0)]      # the last character, its box padded
    text = assemble([Page(595, 842, lines + _body(220, 20))])
    assert text.split("\n")[0] == title + "告"
