"""Turning computed values into text, Markdown, Word and Excel for people."""
