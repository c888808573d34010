"""Jinja templates, one folder per audience. Kept at the top level of the source tree; the build maps this folder into
the package as assessment.templates (see pyproject.toml), so an installed platform finds them inside itself."""
