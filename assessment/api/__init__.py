"""Blueprint package; see the modules inside."""
