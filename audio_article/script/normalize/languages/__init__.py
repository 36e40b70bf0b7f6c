"""The languages the normalizer reads besides English, each a data table over shared rules.

`registry.py` names them; `table.py` says what a table holds; `de.py`,
`fr.py` ... are the tables, from each language's own newsroom conventions;
`locale_rules.py` is the code that reads them. This file imports nothing, so
the modules can import each other through the package without a cycle.
"""
