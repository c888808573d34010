"""Statistics the hiring committee reads before it trusts a score: agreement between essay graders (agreement.py),
how each coding problem behaves as a test item (items.py), and the F and t distributions their confidence intervals
need (distributions.py). Pure functions over plain numbers: no database, no web."""
