"""The checking engine: segmentation, guideline signals, trained model, findings.

Nothing here imports Qt; the desktop and the command line are layers over it.
"""
