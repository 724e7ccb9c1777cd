"""The BRE clustering (bestuurlijke regionale ecosystemen): runs, results and measures."""
