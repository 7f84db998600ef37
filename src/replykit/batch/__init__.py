"""Batch mode: read rows from CSV/TSV/JSONL/XLSX, name output files safely, write them atomically.

``readers`` streams rows with spreadsheet row numbers and per-row problems, ``naming`` turns
data into safe file names inside the output folder; atomic writes live in
:mod:`replykit.atomic`, shared with ``draft -o``.
"""
