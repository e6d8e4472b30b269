"""Project rules: layers import downwards, docs cover every command, start-up stays light."""

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "dockquiz"

# the CLI layer: parses, calls the library once, shows what it returns
CLI_LAYER = {"cli", "commands", "start", "__main__"}

# Helpers every layer uses (text made safe, wrapped by width): they import none of the layers.
_LEAF = {
    "storage",
    "study",
    "tui",
    "cli",
    "commands",
    "progress",
    "notes",
    "grading",
    "render",
    "i18n",
    "importing",
    "scheduling",
}

# module -> packages it must never import (DESIGN: arrows = "may import")
FORBIDDEN = {
    "notes": {"storage", "study", "tui", "cli", "commands", "progress", "importing", "render"},
    "grading": {"storage", "study", "tui", "cli", "commands", "progress", "importing", "notes", "render", "i18n"},
    "scheduling": {"storage", "study", "tui", "cli", "commands", "progress", "importing", "notes", "grading", "render", "i18n"},
    "storage": {"study", "tui", "cli", "commands", "progress", "notes", "grading", "render", "i18n"},
    "study": {"tui", "cli", "commands", "render"},
    "cards": {"storage", "study", "tui", "cli", "commands", "progress", "notes", "grading", "render"},
    "progress": {"study", "tui", "cli", "commands", "importing", "notes", "grading"},
    "tui": {"cli", "commands", "progress", "importing", "storage"},
    "importing": {"study", "tui", "cli", "commands", "progress", "grading", "render"},
    "exporting": {"study", "tui", "cli", "commands", "progress", "importing", "notes", "grading", "render"},
    "textsafe": _LEAF,
    "widewrap": _LEAF,
    "render": {"storage", "study", "tui", "cli", "commands", "progress", "notes", "importing"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dockquiz."):
            out.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".")[1] for a in node.names if a.name.startswith("dockquiz.")}
    return out


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layers_import_downwards(layer):
    base = PKG / layer
    files = list(base.rglob("*.py")) if base.is_dir() else [PKG / f"{layer}.py"]
    for path in files:
        bad = _imports(path) & FORBIDDEN[layer]
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_the_library_never_imports_the_cli():
    for path in PKG.rglob("*.py"):
        if path.relative_to(PKG).parts[0].removesuffix(".py") in CLI_LAYER:
            continue
        bad = _imports(path) & CLI_LAYER
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def _cli_layer_files() -> list[Path]:
    return [path for path in PKG.rglob("*.py") if path.relative_to(PKG).parts[0].removesuffix(".py") in CLI_LAYER]


# what only the library may do: hold a database driver or SQLAlchemy, build or run statements
SQL_MODULES = {"sqlalchemy", "sqlite3", "psycopg", "alembic"}
SQL_IMPORTS = {"dockquiz.storage.tables", "dockquiz.storage.models", "dockquiz.storage.repo"}
SQL_CALLS = {"execute", "exec_driver_sql", "executemany", "scalar", "scalars", "select", "text", "session", "connect"}
SQL_TEXT = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|GRANT|REVOKE)\b.*\b(FROM|INTO|SET|TABLE|ROLE|ON)\b", re.S
)


def _sql_in(source: str) -> list[str]:
    """Where a module does what only the library may: import a driver, SQLAlchemy or the schema,
    call a statement's or a session's function, hold a statement's text."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            names = []
        found += [f"imports {n}" for n in names if n.split(".")[0] in SQL_MODULES or n in SQL_IMPORTS]
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in SQL_CALLS:
                found.append(f"{node.lineno}: calls {called}()")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_TEXT.search(node.value):
            found.append(f"{node.lineno}: holds SQL {node.value[:60]!r}")
    return found


def test_the_cli_layer_runs_no_sql():
    """Commands parse, make one call into the library and show what it returns: no driver, no
    SQLAlchemy, no statement, no session or connection of their own (#28)."""
    _no_sql_in(_cli_layer_files(), {"cli.py", "__init__.py", "base.py"})


def _no_sql_in(files: list[Path], expected: set[str]) -> None:
    assert {p.name for p in files} >= expected
    for path in files:
        assert not _sql_in(path.read_text("utf-8")), (str(path.relative_to(ROOT)), _sql_in(path.read_text("utf-8")))


def test_the_study_session_runs_no_sql():
    """study/ is a state machine: every statement it runs is in storage/study.py (#28 item 4),
    no driver, SQLAlchemy, schema, session or connection of its own."""
    _no_sql_in(list((PKG / "study").rglob("*.py")), {"session.py"})


def test_the_sql_rule_catches_what_it_is_for():
    """The rule above finds the shapes of code the commands once held (so it cannot pass by
    looking at nothing), and not a sentence that happens to say "select"."""
    for sample in (
        "from sqlalchemy import select",
        "import sqlite3",
        "from dockquiz.storage.tables import card",
        "from dockquiz.storage import repo",
        "with app.db.session() as s:\n    pass",
        "conn.exec_driver_sql(q)",
        "q = 'UPDATE profile SET db_user = %s WHERE name = %s'",
    ):
        assert _sql_in(sample), sample
    assert not _sql_in("say(t('deck.removed'))\nhelp = 'Select a deck from the list'")


def test_the_vocabulary_imports_nothing():
    """Every layer reads it, and the CLI's parser before anything heavy is loaded."""
    tree = ast.parse((PKG / "vocabulary.py").read_text("utf-8"))
    imported = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [getattr(n, "module", None) for n in imported] == ["__future__"]


def test_no_private_name_is_imported_across_modules():
    """``from dockquiz.x import _y`` reaches into another module's privates: make it public."""
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dockquiz"):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                assert not private, f"{path.relative_to(ROOT)} imports {private} from {node.module}"


def test_every_command_is_documented():
    from dockquiz.cli import build_parser
    from dockquiz.i18n import T

    parser = build_parser(T("en"))
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for readme in ("README.md", "README.ja.md"):
        text = (ROOT / readme).read_text("utf-8")
        for name, command in sub.choices.items():
            assert f"dockquiz {name}" in text, (readme, name)
            for action in command._actions:
                for flag in action.option_strings:
                    if flag not in ("-h", "--help"):
                        assert flag in text, (readme, name, flag)


def test_every_command_action_and_argument_has_its_help_in_both_catalogues():
    """The command table's help keys (a command's one line and description, an action's, every
    argument's) are in ja.toml and en.toml: --help never falls back to a key or to English."""
    from dockquiz import commands
    from dockquiz.commands.base import OneOf
    from dockquiz.i18n import catalogue

    declared = [c for group in commands.GROUPS for c in group.COMMANDS]
    assert [c.name for c in commands.COMMANDS] == [c.name for c in sorted(declared, key=lambda c: commands.ORDER.index(c.name))]
    assert len(commands.COMMANDS) == len(declared)

    def keys(command):
        yield from command.help_keys()
        for arg in command.args:
            yield from (a.help for a in (arg.args if isinstance(arg, OneOf) else (arg,)))
        for action in command.actions:
            yield from keys(action)

    seen = 0
    for command in commands.COMMANDS:
        assert command.run is not None or command.actions, command.name
        for key in keys(command):
            seen += 1
            for lang in ("ja", "en"):
                assert catalogue(lang).get(key), (lang, command.name, key)
    assert seen > 100


def test_quick_start_has_exactly_two_commands():
    text = (ROOT / "README.md").read_text("utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [b for b in quick.split("```sh")[1:]]
    assert len(blocks) == 2
    assert "dockquiz study" in blocks[0] and "pytest" in blocks[1]


@pytest.mark.slow
@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_do_not_import_the_dependencies(flag):
    probe = (
        f"import sys, runpy; sys.argv = ['dockquiz', '{flag}']\n"
        "try:\n    runpy.run_module('dockquiz', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'rich', 'prompt_toolkit', 'fsrs', 'markdown_it')"
        " if m in sys.modules]\nprint('HEAVY=' + ','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    ).stdout
    assert "HEAVY=\n" in out or out.rstrip().endswith("HEAVY=")


@pytest.mark.slow
def test_import_runs_on_core_without_the_orm_or_the_terminal_libraries(tmp_path):
    """A bulk import (first one included: migrations) needs Core tables only."""
    notes = tmp_path / "n.md"
    notes.write_text("## 一覧\n\n- `docker ps`\n    - `-a` : 全て表示\n", "utf-8")
    probe = (
        f"import sys, runpy; sys.argv = ['dockquiz', 'import', {str(notes)!r}, '--json']\n"
        "try:\n    runpy.run_module('dockquiz', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy.orm', 'rich', 'prompt_toolkit', 'fsrs') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DOCKQUIZ_DB": str(tmp_path / "d.db")},
    ).stdout
    assert '"added": 3' in out
    assert out.rstrip().endswith("HEAVY=")


@pytest.mark.slow
def test_the_script_leaves_with_the_commands_status_and_all_its_output(tmp_path):
    """``python -m dockquiz`` skips the interpreter's teardown (os._exit): the exit status and
    the buffered output of a pipe must still come through."""
    notes = tmp_path / "n.md"
    notes.write_text("## 一覧\n\n- `docker ps`\n    - `-a` : 全て表示\n", "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DOCKQUIZ_DB": str(tmp_path / "d.db"), "DOCKQUIZ_LANG": "en"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "dockquiz", *args], capture_output=True, text=True, env=env)

    imported = run("import", str(notes), "--json")
    assert imported.returncode == 0 and json.loads(imported.stdout)["added"] == 3
    cards = run("cards", "--json")
    assert cards.returncode == 0 and len(json.loads(cards.stdout)) == 3
    missing = run("import", str(tmp_path / "gone.md"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and not missing.stdout
    assert run("--version").returncode == 0 and run("--help").stdout.count("\n") > 5
    assert run("no-such-command").returncode == 2


@pytest.mark.slow
def test_content_and_migrations_ship_in_the_wheel(tmp_path):
    """Build the wheel and look inside: the grammar, the built-in deck and every migration."""
    import subprocess
    import sys
    import zipfile

    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("dockquiz-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    migrations = {f"dockquiz/migrations/versions/{p.name}" for p in (ROOT / "migrations" / "versions").glob("*.py")}
    assert migrations and migrations <= names
    assert "dockquiz/migrations/env.py" in names
    assert "dockquiz/content/cli/generated/docker.json" in names and "dockquiz/content/cli/programs.toml" in names
    assert any(n.startswith("dockquiz/content/decks/") and n.endswith(".md") for n in names)


@pytest.mark.slow
def test_ruff_finds_nothing():
    """The lint CI runs with the tests (pyproject's [tool.ruff]): `ruff check --fix` repairs most."""
    import subprocess
    import sys

    # ruff is in the test extra: where it is missing, this fails rather than skips
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", str(ROOT)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_code_is_formatted_by_ruff():
    """One formatter for all the code (`ruff format`, pyproject's [tool.ruff])."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_card_json_reads_core_tables_without_the_orm(tmp_path):
    """`dockquiz card ID --json` (scripts read many cards, one start each) loads no ORM, and
    says the card, its state for this learner and its whole history."""
    notes = tmp_path / "n.md"
    notes.write_text("## 一覧\n\n- `docker ps`\n    - `-a` : 全て表示\n", "utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DOCKQUIZ_DB": str(tmp_path / "d.db"),
        "DOCKQUIZ_NOW": "2026-11-28T09:00:00+09:00",
        "DOCKQUIZ_PROFILE": "aiko",
    }
    for args, stdin in ((["import", str(notes)], ""), (["study", "--plain", "--new", "1"], "docker ps\n\n")):
        subprocess.run(
            [sys.executable, "-m", "dockquiz", *args], input=stdin, text=True, env=env, check=True, capture_output=True
        )
    probe = (
        "import sys, runpy; sys.argv = ['dockquiz', 'card', '1', '--json']\n"
        "try:\n    runpy.run_module('dockquiz', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy.orm', 'rich', 'prompt_toolkit', 'fsrs', 'alembic') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy), file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert out.stderr.rstrip().endswith("HEAVY="), out.stderr
    card = json.loads(out.stdout)
    assert card["id"] == 1 and card["deck"] == "n" and card["answer"] == "docker ps" and card["source"] == f"{notes}:3"
    assert card["state"] == "learning" and card["reps"] == 1 and card["due"]
    assert [(h["typed"], h["verdict"], h["rating"]) for h in card["history"]] == [("docker ps", "exact", 3)]
    assert card["history"][0]["date"] == "2026-11-28T00:00:00+00:00" and card["history"][0]["interval_days"] > 0
    env["DOCKQUIZ_PROFILE"] = "ben"  # another learner: the card, not aiko's state
    ben = json.loads(
        subprocess.run([sys.executable, "-m", "dockquiz", "card", "1", "--json"], env=env, capture_output=True, text=True).stdout
    )
    assert ben["state"] == "new" and ben["reps"] == 0 and ben["due"] is None


def test_the_vocabulary_is_said_once():
    """A tuple of the vocabulary's words spelled out again elsewhere in the package (the card
    kinds, what counts as correct…) drifts from it: import it. The OS user's folder is found in
    one place too."""
    import dockquiz.vocabulary as vocabulary

    words = {
        name: frozenset(value)
        for name, value in vars(vocabulary).items()
        if name.isupper() and isinstance(value, tuple) and len(value) > 1
    }
    found = []
    for path in PKG.rglob("*.py"):
        if path.name == "vocabulary.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) > 1:
                if all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
                    spelled = frozenset(e.value for e in node.elts)
                    found += [f"{path.relative_to(ROOT)}:{node.lineno} {n}" for n, w in words.items() if w == spelled]
            if isinstance(node, ast.Name) and node.id == "user_data_dir" and path.name != "resources.py":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} user_data_dir")
    assert not found, found


def test_a_cards_state_has_the_vocabularys_fields():
    """The state's fields are said once (vocabulary.STATE_FIELDS, read by check and export):
    the dataclass, its dict and the card_state table hold exactly those."""
    import dataclasses
    from datetime import datetime, timezone

    from dockquiz.scheduling.states import SchedState
    from dockquiz.storage.tables import card_state
    from dockquiz.vocabulary import STATE_FIELDS

    assert tuple(f.name for f in dataclasses.fields(SchedState)) == STATE_FIELDS
    now = datetime(2026, 1, 2, tzinfo=timezone.utc)
    assert tuple(SchedState(2, None, 3.5, 5.0, now, now, 4, 1).to_dict()) == STATE_FIELDS
    assert set(STATE_FIELDS) <= {c.name for c in card_state.columns}


def test_the_sql_that_differs_by_dialect_is_spelled_in_storage_dialect():
    """stats and export run one query on SQLite and PostgreSQL: where they spell an expression
    differently, storage.dialect says so; no comparison of a dialect's name in them."""
    found = []
    for path in [*(PKG / "progress").rglob("*.py"), PKG / "exporting.py"]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Compare):
                names = [n for n in (node.left, *node.comparators) if isinstance(n, ast.Attribute) and n.attr == "name"]
                texts = [n.value for n in node.comparators if isinstance(n, ast.Constant)]
                if names and {"postgresql", "sqlite"} & set(texts):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found
