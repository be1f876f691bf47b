"""Every command is documented: in the README, and with an example in its own help."""
from __future__ import annotations

import re

import pytest

from diplograph.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_is_in_readme(name):
    assert re.search(rf"diplograph {name}\b", README), f"README does not show `diplograph {name}`"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_help_has_an_example(name):
    assert "Example:" in (cli.commands[name].help or "")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_option_has_help(name):
    for param in cli.commands[name].params:
        if param.param_type_name == "option":
            assert getattr(param, "help", None), f"{name} {param.opts} has no help text"


def test_readme_gives_exactly_two_setup_commands():
    block = README.split("## Two commands", 1)[1].split("```", 2)[1]
    lines = [ln for ln in block.splitlines()[1:] if ln.strip()]
    assert [ln.split()[0:2] for ln in lines] == [["make", "demo"], ["make", "test"]]
