"""A shell flag's value whose sign changes what the flag does (``tail -n +5``: from line 5 on,
not the last five) is said by the words for the signed form, or by its role, never by the
unsigned form's words (#25). Made-up answers of the shapes notes hold."""

from dockquiz.grading.grammar import grammar
from dockquiz.notes.english import command_en


def test_a_plus_count_of_tail_starts_at_that_line():
    said = command_en(grammar(), "tail -n +40 notes.log").split(": ", 1)[1]  # after the program's words
    assert "the last" not in said
    assert "from line 40" in said


def test_a_minus_count_of_head_leaves_the_last_lines_out():
    said = command_en(grammar(), "head -n -3 notes.log").split(": ", 1)[1]
    assert "the first" not in said
    assert "all but the last 3 lines" in said


def test_an_unsigned_count_keeps_its_words():
    assert "the last 7 lines" in command_en(grammar(), "tail -n 7 notes.log")
    assert "the first 7 lines" in command_en(grammar(), "head -n 7 notes.log")


def test_a_signed_value_with_no_words_for_its_sign_is_not_said_as_the_unsigned():
    said = command_en(grammar(), "head -n +4 notes.log").split(": ", 1)[1]
    assert "the first" not in said and "+4" in said
    assert "from byte 9 on" in command_en(grammar(), "tail -c +9 blob.bin")


def test_a_sign_another_program_says_in_its_own_words_is_kept():
    assert "+7" in command_en(grammar(), "find . -mtime +7")
    assert "an option whose" not in command_en(grammar(), "find . -mtime -2")


def test_more_flags_have_words():
    g = grammar()
    assert "dockquiz has no words" not in command_en(g, "wget -r -R gif -D example.org http://example.org")
    assert "dockquiz has no words" not in command_en(g, "rsync -ac src/ dst/")
    assert "dockquiz has no words" not in command_en(g, "find . -newermt 2020-01-01 ! -name x")
    assert command_en(g, "ping -c 3 example.org").startswith("Send")


def test_a_here_string_is_said_as_the_input():
    said = command_en(grammar(), "wc -w <<< 'two words'")
    assert "reading the string" in said


def test_arithmetic_is_said_as_computed_never_dropped():
    assert "arithmetic" in command_en(grammar(), "echo $((7 % 3))")
    assert "arithmetic" in command_en(grammar(), "sleep $(($RANDOM % 9))s")


def test_a_variable_set_from_a_command_says_the_command():
    said = command_en(grammar(), "export REGION=$(gcloud config get-value compute/region)")
    assert "the output of" in said


def test_a_service_command_names_the_service():
    said = command_en(grammar(), "sudo service cron restart")
    assert said.startswith("Restart") and "cron" in said
