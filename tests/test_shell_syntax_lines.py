"""Shell syntax in a block of commands is no command of its own (#25): a loop or a test opened
over several lines (``for f in *.txt`` / ``do`` / … / ``done``) makes no card of its head or its
body, as a here-document; a snippet left open ends at the next unindented line. Made-up notes."""


def test_a_loop_or_test_over_several_lines_makes_no_card_of_its_head_or_body():
    from dockquiz.notes import parse_notes

    text = (
        "## Loops\n\n```bash\n# count each file's lines\nfor f in *.txt\ndo\n  wc -l $f\ndone\n"
        'if [[ -n "$x" ]]; then\n  echo yes\nelse\n  echo no\nfi\n# list the files\nls -la\n```\n'
    )
    assert [d.answer for d in parse_notes(text, deck="x").drafts] == ["ls -la"]


def test_a_test_left_open_ends_at_the_next_unindented_line():
    from dockquiz.notes import parse_notes

    text = '## Tests\n\n```bash\n# is it set\nif [[ -n "$x" ]];\n# print the date\ndate\n```\n'
    assert [d.answer for d in parse_notes(text, deck="x").drafts] == ["date"]
