"""Japanese and English everywhere: same keys and placeholders, help and errors in each."""

import re
import string

import pytest
from helpers import run_cli

from dockquiz.i18n import T, catalogue, resolve

CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]")


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogues_have_the_same_keys_and_placeholders():
    ja, en = catalogue("ja"), catalogue("en")
    assert set(ja) == set(en)
    for key in en:
        assert _fields(ja[key]) == _fields(en[key]), key


def test_every_key_used_in_code_exists():
    from pathlib import Path

    used = set()
    for path in Path(__file__).resolve().parent.parent.joinpath("dockquiz").rglob("*.py"):
        used |= set(re.findall(r"""t\(\s*["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""", path.read_text("utf-8")))
        used |= set(re.findall(r"""Error\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text("utf-8")))
    missing = sorted(k for k in used if k not in catalogue("en"))
    assert not missing


def test_language_resolution_order(monkeypatch):
    env = {"DOCKQUIZ_LANG": "en", "LANG": "ja_JP.UTF-8"}
    assert resolve("ja", env) == "ja"
    assert resolve(None, env) == "en"
    assert resolve(None, {"LANG": "ja_JP.UTF-8"}, "en") == "en"
    assert resolve(None, {"LANG": "ja_JP.UTF-8"}) == "ja"
    assert resolve(None, {"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}) == "en"
    assert resolve(None, {}) == "en"


def test_english_fallback_marker_and_both():
    assert T("en").prompt("イメージの取得", "").startswith("[ja]")
    assert T("both").prompt("イメージの取得", "Download an image") == "イメージの取得\nDownload an image"
    assert T("ja").prompt("", "Download an image") == "Download an image"


COMMANDS = ["import", "study", "stats", "cards", "card", "suspend", "unsuspend", "decks", "grade", "config", "explain", "lint"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_in_each_language(capsys, command):
    args = [command, "--help"] if command else ["--help"]
    with pytest.raises(SystemExit) as exit_en:
        run_cli(capsys, "--lang", "en", *args)
    en = capsys.readouterr().out
    with pytest.raises(SystemExit):
        run_cli(capsys, "--lang", "ja", *args)
    ja = capsys.readouterr().out
    assert exit_en.value.code == 0
    assert not CJK.search(en), en
    assert "使い方:" in ja and "オプション:" in ja and CJK.search(ja)
    assert "usage:" not in ja and "show this help" not in ja


def test_errors_in_each_language(capsys):
    en = run_cli(capsys, "--lang", "en", "card", "999")
    ja = run_cli(capsys, "--lang", "ja", "card", "999")
    assert en.code == ja.code == 2
    assert "no card with id 999" in en.err and not CJK.search(en.err)
    assert "ID 999 のカードはありません" in ja.err


def test_usage_errors_are_one_line_exit_2(capsys):
    result = run_cli(capsys, "--lang", "ja", "cards", "--state", "bogus")
    assert result.code == 2 and result.err.count("\n") == 1 and "dockquiz cards --help" in result.err


def test_saved_language_is_used(capsys, monkeypatch):
    assert run_cli(capsys, "config", "lang", "ja").code == 0
    monkeypatch.delenv("DOCKQUIZ_LANG", raising=False)
    result = run_cli(capsys, "card", "999")
    assert "カードはありません" in result.err
    assert run_cli(capsys, "config", "lang", "klingon").code == 2


def test_stats_labels_in_each_language(capsys, sample_notes):
    run_cli(capsys, "import", str(sample_notes))
    en = run_cli(capsys, "--lang", "en", "stats").out
    ja = run_cli(capsys, "--lang", "ja", "stats").out
    assert "Nothing studied yet" in en and not CJK.search(en)
    assert "まだ何も学習していません" in ja


def test_bad_clock_is_a_one_line_error(capsys, monkeypatch):
    monkeypatch.setenv("DOCKQUIZ_NOW", "tomorrow")
    result = run_cli(capsys, "--lang", "en", "decks")
    assert result.code == 2 and "DOCKQUIZ_NOW" in result.err


@pytest.mark.parametrize(
    "args,en_words,ja_words",
    [
        (["cards", "--state", "bogus"], "is not a choice", "は選べません"),
        (["import"], "missing: PATH", "次の指定がありません: PATH"),
        (["decks", "extra"], "not understood: extra", "解釈できない指定: extra"),
        (["study", "--bogus"], "unknown option: --bogus", "知らないオプションです: --bogus"),
        (["study", "--new", "x"], "is not a valid value", "正しい値ではありません"),
        (["import", "--deck"], "--deck needs a value", "--deck には値が必要です"),
    ],
)
def test_argparse_errors_in_each_language(capsys, args, en_words, ja_words):
    en = run_cli(capsys, "--lang", "en", *args)
    ja = run_cli(capsys, "--lang", "ja", *args)
    assert en.code == ja.code == 2
    assert en_words in en.err and not CJK.search(en.err)
    assert ja_words in ja.err and "choose from" not in ja.err and "required" not in ja.err


def test_cli_habits_did_you_mean_globals_after_the_command_and_the_dashdash_hint(capsys):
    result = run_cli(capsys, "--lang", "en", "stduy")
    assert result.code == 2 and "did you mean study?" in result.err
    result = run_cli(capsys, "--lang", "en", "import", "x.md", "--dyr-run")
    assert result.code == 2 and "did you mean --dry-run?" in result.err
    result = run_cli(capsys, "stats", "--lang", "ja")  # a global option after the command
    assert result.code == 0 and "学習" in result.out
    result = run_cli(capsys, "--lang", "en", "study", "--bogus")  # study takes no values: `--` would not help
    assert result.code == 2 and "unknown option: --bogus" in result.err and "`--`" not in result.err
    assert "see `dockquiz study --help`" in result.err  # the command's own help, where its options are
    result = run_cli(capsys, "--lang", "en", "--bogus")
    assert result.code == 2 and "see `dockquiz --help`" in result.err
    result = run_cli(capsys, "grade", "--kind", "option", "-v", "--volume", "--lang", "en")
    assert result.code == 2 and "goes after `--`" in result.err and result.err.count("\n") == 1
    result = run_cli(capsys, "grade", "--command", "docker run", "--kind", "option", "--", "-v", "--volume")
    assert result.code == 0


def test_a_saved_language_is_found_whichever_way_db_is_given(capsys, tmp_path):
    db = str(tmp_path / "lang.db")
    assert run_cli(capsys, "--db", db, "config", "lang", "ja").code == 0
    for args in (["--db", db, "decks"], [f"--db={db}", "decks"], ["decks", "--db", db], ["decks", f"--db={db}"]):
        assert "デッキ" in run_cli(capsys, *args).out, args


def test_notes_written_in_english_are_their_own_english_prompt():
    en, ja, both = T("en"), T("ja"), T("both")
    assert en.prompt("List pods in a namespace", "List resources") == "List pods in a namespace"
    # an English screen over Japanese notes: our English, and the learner's own words under it
    assert en.prompt("Docker イメージのダウンロード", "Download an image") == (
        "Download an image\nin your notes: Docker イメージのダウンロード"
    )
    assert ja.prompt("Docker イメージのダウンロード", "Download an image") == "Docker イメージのダウンロード"
    assert both.prompt("List pods", "List resources") == "List pods"
    assert en.prompt("ｄｏｃｋｅｒ の使い方", "").startswith("[ja]")


def test_config_without_a_key_lists_every_setting(capsys):
    assert run_cli(capsys, "config", "new", "7").code == 0
    result = run_cli(capsys, "config")
    assert result.code == 0
    lines = result.out.strip().splitlines()
    assert [line.split(" = ")[0] for line in lines] == ["lang", "new", "backups", "retention", "refit"]
    assert "new = 7" in lines and "retention = 0.9" in lines


@pytest.mark.parametrize(
    "typed, ja, en",
    [
        ("echo 'a b", "閉じていない引用符", "quotation mark is not closed"),
        ("echo a\\", "の後に文字がありません", "nothing follows"),
    ],
)
def test_a_line_that_cannot_be_read_says_why_in_the_learners_language(capsys, typed, ja, en):
    out = run_cli(capsys, "grade", "--lang", "ja", "echo 'a b'", typed).out
    assert ja in out and not re.search(r"No (closing|escaped)", out)
    out = run_cli(capsys, "grade", "--lang", "en", "echo 'a b'", typed).out
    assert en in out and typed in out


def _outcome(parser, argv, capsys):
    from dockquiz.cli import Parser
    from dockquiz.errors import UsageError

    Parser.argv = argv
    try:
        found = ("args", sorted((k, repr(v)) for k, v in vars(parser.parse_args(argv)).items()))
    except UsageError as exc:
        found = ("error", exc.key, sorted(exc.params.items()))
    except SystemExit as exc:
        found = ("exit", exc.code)
    return found, capsys.readouterr().out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_commands_parser_built_alone_reads_as_the_whole_tables(capsys, lang):
    """`dockquiz study …` builds the parser of study alone (cli.named_command): every command's
    help, its actions' help, what it parses and its usage errors (with their hints) are the
    whole table's."""
    from dockquiz import commands
    from dockquiz.cli import build_parser, hoist_globals, named_command

    t = T(lang)
    whole = build_parser(t)
    for command in commands.COMMANDS:
        lines = [[], ["--help"], ["--bogus"], ["--stat"], ["-x", "y"], ["x", "y", "z"], ["--deck"], ["--new", "x"]]
        lines += [[action.name, *extra] for action in command.actions for extra in ([], ["--help"], ["--bogus"])]
        for line in lines:
            argv, _ = hoist_globals(["--lang", lang, command.name, *line])
            assert named_command(argv) == command.name
            alone = build_parser(t, command.name)
            assert _outcome(alone, argv, capsys) == _outcome(whole, argv, capsys), argv
    for argv in (["--help"], ["--help", "study"], ["studdy"], ["--db", "x"], ["--version"], []):
        assert named_command(hoist_globals(argv)[0]) is None, argv
