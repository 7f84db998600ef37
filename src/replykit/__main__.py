"""``python -m replykit`` runs the command line."""

from replykit.cli import main

main()
