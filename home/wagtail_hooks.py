"""Admin wiring for the core site.

Hooks that home *offers* to plugins (called, never imported):
- ``home_page_sections``: ``fn(request, home_page) -> str | None``, HTML of a section on the home page.
- ``register_demo_content``: ``fn(context: home.demo.DemoContext)``, idempotent demo data for load_demo.
"""
