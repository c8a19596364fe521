"""llmx: grounded extraction and question answering over Vietnamese CCHC reporting.

Importing the package does no work; heavy modules load on first use.
"""

__version__ = "0.1.0"
