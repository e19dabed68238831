"""Same-run reference for the map-projection benchmark: scikit-learn's randomized PCA
(50 components, as the studio's map uses) on the very matrix the studio projected.
Prints one JSON line: seconds and the share of variance the 50 axes keep."""
import json, sys, time
import numpy as np
from sklearn.decomposition import PCA

path, rows, dim = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
x = np.fromfile(path, dtype=np.float32).reshape(rows, dim)
started = time.perf_counter()
pca = PCA(50, svd_solver='randomized', random_state=1)
pca.fit_transform(x)
print(json.dumps({'seconds': time.perf_counter() - started, 'varianceKept': float(pca.explained_variance_ratio_.sum())}))
