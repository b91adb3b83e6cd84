"""Building blocks for ``load_demo``: idempotent helpers and the hook that plugins use.

A plugin registers ``register_demo_content`` in its ``wagtail_hooks.py`` with a
function ``load(context)``; ``context`` is a :class:`DemoContext` that carries
the home page, the users and a ``report`` list where loaders note what they
created. Loaders must be idempotent: running them twice changes nothing.
"""

from dataclasses import dataclass, field


@dataclass
class DemoContext:
    home: object
    users: dict
    password: str
    created: list = field(default_factory=list)

    def note(self, what):
        self.created.append(what)
