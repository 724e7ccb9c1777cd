"""Congruence between partitions of the municipalities on a peildatum (docs/congruence.md):
the partitions (``partitions``), the comparison of two of them (``compare``) and the matrix of
every pair of divisions in force (``matrix``). The measures themselves are pure functions in
:mod:`collaborations.divisions.measures`; a BRE run as a partition is read in
:mod:`collaborations.clustering.selectors.partitions` (the layer that knows both)."""
