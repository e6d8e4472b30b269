"""The words of shell programs with no grammar (tar, grep, find, cd…), read from their own help:
GNU ``--help``, a rendered man page, bash's ``help``; generated once into content/cli/shell_words.json
from help texts recorded on a developer's machine (tests/fixtures/shell-help.json.gz)."""

import gzip
import importlib.util
import json
from pathlib import Path

from dockquiz.grading import helptext as ht
from dockquiz.resources import content_dir

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("learn_shell_words", ROOT / "bench" / "learn_shell_words.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GNU_HELP = """Usage: pick [OPTION]... [FILE]...
Print chosen parts of each FILE.

Mandatory arguments to long options are mandatory for short options too.
  -c, --count=[-]NUM       print the first NUM parts of each file;
                             with the leading '-', print all but the last
                             NUM parts
  -q, --quiet, --silent    never print headers
      --strip              remove blank parts before
                             printing them
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place
      --help     display this help and exit

Examples:
  pick -c 3 notes.txt   Print three parts.
"""

MAN_PAGE = """PICK(1)                     General Commands Manual                    PICK(1)

NAME
       pick - print chosen parts of files

TESTS
       -label pattern
              Label of the part matches shell pattern pattern.  Leading words are
              not compared.

       -show0
              True; print the part followed by a null character.

EXAMPLES
       -label x
              An example that says something else.
"""

BASH_HELP = """pushto: pushto [-L|-P] [dir]
    Change to a directory and remember it.

    Options:
      -L\tfollow symbolic links: resolve them
    \t\tafter the move
      -P\tuse the physical directory structure

    Exit Status:
    Returns 0.
"""


def _by_flag(flags):
    return {name: f for f in flags for name in f.flags}


def test_gnu_help_options_with_values_and_help_over_several_lines():
    flags = _by_flag(ht.shell_options(GNU_HELP))
    assert flags["-c"].flags == ["-c", "--count"] and flags["-c"].value == "NUM"
    assert flags["-c"].help == "Print the first NUM parts of each file"  # its first clause
    assert flags["-q"].flags == ["-q", "--quiet", "--silent"] and flags["-q"].value is None
    assert flags["--strip"].help == "Remove blank parts before printing them"  # a long-only option, 4 deeper
    assert flags["-i"].flags == ["-i", "--in-place"] and flags["-i"].help == "Edit files in place"
    assert "pick" not in flags and "-c 3" not in flags  # the examples' lines are no options


def test_man_page_options_first_entry_and_a_clause_that_says_something():
    flags = _by_flag(ht.shell_options(MAN_PAGE))
    assert flags["-label"].value == "pattern"
    assert flags["-label"].help == "Label of the part matches shell pattern pattern"  # not the example's words
    assert flags["-show0"].help == "Print the part followed by a null character"  # not "True"


def test_bash_builtin_help_with_tabs():
    flags = _by_flag(ht.shell_options(BASH_HELP))
    assert flags["-L"].help == "Follow symbolic links: resolve them after the move"
    assert flags["-P"].help == "Use the physical directory structure"
    assert ht.shell_about(BASH_HELP, "pushto") == "Change to a directory and remember it"


def test_about_from_the_man_page_name_line_of_a_command_section():
    whatis = "pick (2)             - pick a system call\npick (1)             - print chosen parts of files\n"
    assert ht.shell_about(whatis, "pick") == "Print chosen parts of files"
    assert ht.shell_about("pick (3)  - a library call\n", "pick") == ""


def test_regenerating_from_recorded_help_reproduces_the_shipped_words():
    with gzip.open(ROOT / "tests" / "fixtures" / "shell-help.json.gz", "rt", encoding="utf-8") as fh:
        recorded = json.load(fh)
    shipped = json.loads((content_dir() / "cli" / "shell_words.json").read_text("utf-8"))
    assert _generator().generate(recorded) == shipped
    words = shipped["programs"]
    assert words["head"]["about"] == "Output the first part of files"
    tar = {n: o for o in words["tar"]["options"] for n in o["flags"]}
    assert tar["-c"]["help"] == "Create a new archive" and tar["-z"]["help"].startswith("Filter the archive through gzip")
    assert words["cd"]["about"] == "Change the shell working directory"
