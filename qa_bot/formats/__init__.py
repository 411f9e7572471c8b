"""Readers for each document format; qa_bot.loader picks one by the file's suffix.

Importing this package imports no format library: each reader imports its own when it runs.
"""
