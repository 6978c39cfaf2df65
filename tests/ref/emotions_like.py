# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a CSV shaped like Bird et al.'s emotions.csv (2132 rows x 2549 columns).

Column names follow the layout in shared/data/muse-mental-state/README.md: 1274 per-window
features with suffix _a, the same with _b, then `label`; the header starts with "# " as
NumPy's savetxt writes it. Values are random but fixed by the seed.
Usage: emotions_like.py OUT.csv [ROWS]
"""
import sys

import numpy as np


def feature_names():
    n = []
    fam = lambda stem, k: [f"{stem}{i}" for i in range(k)]
    n += fam("mean_", 5) + fam("mean_d_", 5) + fam("mean_d_", 50)
    n += fam("stddev_", 5) + fam("stddev_d_", 5) + fam("moments_", 20)
    n += fam("max_", 5) + fam("max_d_", 5) + fam("max_q_", 50)
    n += fam("min_", 5) + fam("min_d_", 5) + fam("min_q_", 50)
    n += fam("covmat_", 144) + fam("eigen_", 12) + fam("logm_", 78)
    n += fam("entropy", 5) + fam("correlate_", 75) + fam("fft_", 750)
    assert len(n) == 1274
    return [f"{x}_a" for x in n] + [f"{x}_b" for x in n]


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 2132
    rng = np.random.default_rng(2018)
    names = feature_names()
    x = rng.normal(0, 1, (rows, len(names))) * rng.choice([1e-2, 1, 1e2, 1e4], len(names))
    labels = rng.choice(["NEGATIVE", "NEUTRAL", "POSITIVE"], rows)
    with open(out, "w") as f:
        f.write("# " + ",".join(names) + ",label\n")
        for i in range(rows):
            f.write(",".join("%.6g" % v for v in x[i]) + "," + labels[i] + "\n")


if __name__ == "__main__":
    main()
