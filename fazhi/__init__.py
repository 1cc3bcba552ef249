"""fazhi (法治): read, check, score and compare rule-of-law government annual reports."""
__version__ = "0.1.0"
