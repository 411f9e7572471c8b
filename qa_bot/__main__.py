"""``python -m qa_bot`` runs the command line."""

from qa_bot.channels.cli import main

main()
