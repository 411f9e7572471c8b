"""WSGI entry point for any server: ``gunicorn app:app``. Settings come from QA_BOT_* variables."""

from qa_bot.channels.http import create_app

app = create_app()
