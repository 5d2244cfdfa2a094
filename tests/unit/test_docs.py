"""Every setting, CLI option and metric is documented in the README."""

from pathlib import Path

import click

from wikitally.cli import main
from wikitally.metrics.outcome import METRICS
from wikitally.settings import SETTINGS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_settings_are_documented():
    for setting in SETTINGS.values():
        assert f"`{setting.env}`" in README, setting.name


def test_cli_commands_and_options_are_documented():
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert f"wikitally {name}" in README, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in README, f"{name} {opt}"


def test_metrics_are_defined():
    for metric in METRICS:
        assert f"`{metric}`" in README, metric


def test_every_command_parameter_has_an_option():
    # A parameter of the function that no click option feeds fails only when the command runs.
    import inspect

    for name, command in main.commands.items():
        declared = {p.name for p in command.params}
        callback = command.callback
        while hasattr(callback, "__wrapped__"):
            callback = callback.__wrapped__
        assert callback is not None
        wanted = set(inspect.signature(callback).parameters)
        assert wanted <= declared, f"{name}: {sorted(wanted - declared)}"
