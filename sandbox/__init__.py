"""Runs untrusted code: runner images, the in-container harness, the Docker client, languages and output checkers.

Public API: sandbox.judge.judge, sandbox.spec (request/report types), sandbox.judge.SandboxUnavailable,
sandbox.languages, sandbox.build.build_images, sandbox.janitor.clean.
"""
