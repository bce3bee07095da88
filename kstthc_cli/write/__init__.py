"""Changing the officer's files: text splicing, safe atomic replacement under a lock."""
