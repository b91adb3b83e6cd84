"""On SQLite, the full-text index holds Snowball Swedish stems, as PostgreSQL's "swedish" config does.

Wagtail's triggers copy each index entry's title and body into the FTS5 table as they are;
these copy ``swedish_stems(...)`` of them instead (the SQL function registered on every
connection by ``site_lycksele.search_backend``). The FTS5 table is made anew without folding
diacritics (Wagtail's folds "ö" to "o"; PostgreSQL does not) and filled from the entries already
indexed. The index entries themselves keep the plain text (for excerpts). Nothing happens on
PostgreSQL, or on an SQLite without FTS5.
"""

from django.db import migrations

from site_lycksele.search_backend import register_sql_functions

ENTRIES, FTS = "wagtailsearch_indexentry", "wagtailsearch_indexentry_fts"
INSERT, UPDATE = "insert_wagtailsearch_indexentry_fts", "update_wagtailsearch_indexentry_fts"


def triggers(title, body, tokenizer):
    """The statements that make the FTS table hold ``title`` and ``body`` (SQL over an entry's columns)."""
    return [  # fixed SQL: names and expressions are the constants above
        f"DROP TRIGGER IF EXISTS {INSERT}",
        f"DROP TRIGGER IF EXISTS {UPDATE}",
        f"DROP TABLE {FTS}",
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(autocomplete, body, title, tokenize = '{tokenizer}')",
        f"CREATE TRIGGER {INSERT} AFTER INSERT ON {ENTRIES} BEGIN INSERT INTO {FTS}(title, body, autocomplete, rowid) "  # noqa: S608
        f"VALUES ({title}, {body}, NEW.autocomplete, NEW.id); END",
        f"CREATE TRIGGER {UPDATE} AFTER UPDATE ON {ENTRIES} BEGIN UPDATE {FTS} SET title={title}, body={body}, "  # noqa: S608
        f"autocomplete=NEW.autocomplete WHERE rowid=NEW.id; END",
        f"INSERT INTO {FTS}(rowid, title, body, autocomplete) "  # noqa: S608
        f"SELECT id, {title.replace('NEW.', '')}, {body.replace('NEW.', '')}, autocomplete FROM {ENTRIES}",
    ]


def rewrite(statements):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "sqlite" or FTS not in connection.introspection.table_names():
            return
        register_sql_functions(connection=connection)
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [
        migrations.RunPython(
            rewrite(triggers("swedish_stems(NEW.title)", "swedish_stems(NEW.body)", "unicode61 remove_diacritics 0")),
            rewrite(triggers("NEW.title", "NEW.body", "unicode61")),
        )
    ]
