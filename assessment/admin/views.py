"""Additional admin views are added in their own modules and imported here."""
