"""Block scoring's pieces that answer the same as a slower form of themselves."""
from __future__ import annotations

import random

import numpy as np

from search.whooshext.blockmatch import Scores


def test_scores_kept_by_a_mask_are_those_kept_by_the_set():
    rng = random.Random(21)
    documents = 500
    for _ in range(50):
        ids = np.array(sorted(rng.sample(range(documents), rng.randrange(0, 200))), dtype=np.int64)
        scores = Scores(ids, np.array([rng.random() for _ in ids]))
        allowed = set(rng.sample(range(documents), rng.randrange(0, documents)))
        mask = np.zeros(documents, dtype=bool)
        mask[list(allowed)] = True
        by_set, by_mask = scores.only(allowed), scores.only(mask)
        assert by_mask.ids.tolist() == by_set.ids.tolist()
        assert by_mask.values.tolist() == by_set.values.tolist()
        assert set(by_mask.ids.tolist()) == allowed & set(ids.tolist())
