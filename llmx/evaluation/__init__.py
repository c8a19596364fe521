"""Scoring llmx against hand-labelled gold: record matching, P/R/F1, per-field accuracy,
grounding checks, QA accuracy and threshold gating (``llmx eval``).

Submodules are imported on demand; nothing here pulls in rich or the store.
"""
