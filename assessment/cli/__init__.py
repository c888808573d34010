"""The operator's command line: `assessment ...`."""

from __future__ import annotations

import click

from . import admin, api_tokens, privacy, problems, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Online assessment platform: operator commands."""


for module in (admin, api_tokens, privacy, problems, serve):
    module.register(main)

try:  # judging and sandbox commands need the sandbox package (Docker SDK) importable
    from . import judge as _judge
    from . import languages as _languages
    from . import sandbox as _sandbox

    _judge.register(main)
    _sandbox.register(main)
    _languages.register(main)
except ImportError:  # pragma: no cover - partial installs
    pass
