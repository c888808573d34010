"""Message catalogs of the interface languages (see assessment.web.i18n)."""
