"""Readers for each document format; qa_bot.loader picks one by the file's suffix.

Only plain.py runs in the loader's process. The HTML, PDF and Word readers, and the libraries they
import, are imported only in the sandbox's child process (sandbox.py).
"""
