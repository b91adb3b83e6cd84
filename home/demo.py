"""Building blocks for ``load_demo``: idempotent helpers and the hook that plugins use.

A plugin registers ``register_demo_content`` in its ``wagtail_hooks.py`` with a
function ``load(context)``; ``context`` is a :class:`DemoContext` that carries
the association's site, its home page, the users and a ``report`` list where loaders note what they
created. Loaders must be idempotent: running them twice changes nothing.
"""

from dataclasses import dataclass, field


@dataclass
class DemoContext:
    """What demo loaders share; ``site`` is the association the content belongs to (home.associations)."""

    site: object
    home: object
    users: dict
    password: str
    created: list = field(default_factory=list)

    def note(self, what):
        self.created.append(what)
