"""Accounts as domain rules shared by the admin pages, the API and the command line: bearer tokens for the JSON API
with scopes and an expiry (api_tokens)."""
