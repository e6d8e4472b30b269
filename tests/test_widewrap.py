"""Help text wrapped by display width: Japanese fills a terminal's columns (a wide character
is 2), breaks between its characters, never inside a word of ASCII."""

import re

import pytest

from dockquiz.widewrap import width, wrap

JA = (
    "ノートを書き出します: 表計算ソフト（.csv: 1 行 1 枚、列は deck・kind・answer）、"
    "すべてを含む JSON（`dockquiz import FILE.json` で戻せます）。形式は --format で選べます。"
)
EN = "Write the cards out: a spreadsheet (.csv, one row a card), or JSON with everything (--format picks one)."


def test_width_counts_wide_characters_twice_and_marks_that_combine_not_at_all():
    assert width("abc") == 3 and width("日本語") == 6 and width("ＡＢ") == 4 and width("e\u0301") == 1


@pytest.mark.parametrize("text", [JA, EN])
@pytest.mark.parametrize("columns", [20, 33, 40, 58, 80])
def test_every_line_fits_and_no_ascii_word_is_split(text, columns):
    lines = wrap(text, columns)
    assert all(width(line) <= columns for line in lines)
    words = re.findall(r"[\x21-\x7e]+", text)  # every ASCII word stands whole on one line
    joined = "\n".join(lines)
    assert all(re.search(rf"(?<![\x21-\x7e]){re.escape(w)}(?![\x21-\x7e])", joined) for w in words)
    assert "".join(joined.split()) == "".join(text.split())  # nothing lost, nothing added but breaks


def test_japanese_breaks_between_its_characters_not_only_at_spaces():
    lines = wrap("あいうえおかきくけこさしすせそ", 10)
    assert lines == ["あいうえお", "かきくけこ", "さしすせそ"]


def test_no_line_begins_with_a_closing_mark_nor_ends_with_an_opening_one():
    for columns in range(8, 40):
        for line in wrap(JA, columns):
            assert line[0] not in "、。）」" and line[-1] not in "（「"


def test_a_word_wider_than_the_line_stands_alone_and_whole():
    assert wrap("see --a-very-long-option-name now", 10) == ["see", "--a-very-long-option-name", "now"]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("argv", [["--help"], ["export", "--help"], ["import", "--help"], ["study", "--help"]])
def test_the_help_fits_the_terminal_in_display_columns(capsys, monkeypatch, lang, argv):
    from dockquiz.cli import main

    monkeypatch.setenv("COLUMNS", "60")
    with pytest.raises(SystemExit):
        main(["--lang", lang, *argv])
    out = capsys.readouterr().out
    too_wide = [line for line in out.splitlines() if width(line) > 60 and " " in line.strip()]
    assert out and not too_wide, too_wide  # a single word longer than the line may stand alone
