"""The Compose grammar (content/cli/compose.toml, hand-kept: the plugin is not installed where
the grammars are generated) held to the facts of Compose's own sources
(fixtures/compose-facts.json, read from docker/compose's cobra definitions by
bench/compose_facts.py): every command and alias, every flag with its spellings, whether it
takes a value, repeats, is on by default (and then a no-op when typed, unless the command
looks at whether it was typed), where options stop; nothing the sources lack."""

import json
from pathlib import Path

import pytest

from dockquiz.grading import grade
from dockquiz.grading.grammar import grammar

FACTS = json.loads((Path(__file__).parent / "fixtures" / "compose-facts.json").read_text("utf-8"))["commands"]


@pytest.fixture(scope="module")
def g():
    g = grammar()
    assert g.knows("docker")
    return g


@pytest.mark.parametrize("path", sorted(FACTS))
def test_every_compose_command_and_alias_is_known(g, path):
    words = tuple(path.split())
    assert g.resolve(words) == words, path
    for alias in FACTS[path]["aliases"]:
        assert g.resolve((*words[:-1], alias)) == words, alias


@pytest.mark.parametrize("path", sorted(FACTS))
def test_compose_flags_are_the_sources_flags(g, path):
    scope = g.scopes[tuple(path.split())]
    facts = FACTS[path]
    spelled = set()
    for fact in facts["options"]:
        spelled.update(fact["flags"])
        opts = {id(scope.options.get(f)) for f in fact["flags"]}
        assert None not in (scope.options.get(f) for f in fact["flags"]), (path, fact["flags"])
        assert len(opts) == 1, (path, fact["flags"])  # one option under every spelling
        opt = scope.options[fact["flags"][0]]
        assert opt.takes_value == fact["value"], (path, fact["flags"])
        assert opt.repeat == fact["repeat"], (path, fact["flags"])
        assert opt.on == fact["on"], (path, fact["flags"])
        assert opt.noop == (fact["on"] and not fact["changed"]), (path, fact["flags"])  # on, and never looked at
    own = {f for f, o in scope.options.items() if o.owner == scope.path}
    assert own <= spelled | {"-h", "--help"}, (path, sorted(own - spelled))
    if scope.is_command:
        assert scope.interspersed == facts["interspersed"], path


def test_compose_reads_its_commands_and_hidden_flags():
    assert grade("docker compose ls", "docker compose ls").verdict == "exact"
    assert grade("docker compose ps", "docker compose ls").verdict == "wrong"  # a command, not a typo of ps
    assert grade("docker compose ls", "docker compose sl").verdict == "typo"
    # exec's -i and -t are hidden and on by default: typing them changes nothing
    assert grade("docker compose exec web bash", "docker compose exec -it web bash").correct
    assert grade("docker compose exec -it web bash", "docker compose exec web bash").correct
    assert not grade("docker compose exec web bash", "docker compose exec -T web bash").correct
    assert not grade("docker compose exec web bash", "docker compose exec --tty=false web bash").correct
    assert grade("docker compose down --volumes", "docker-compose down -v").correct
    assert grade("docker compose run -P web", "docker compose run --service-ports web").correct
