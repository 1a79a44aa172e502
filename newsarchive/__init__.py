"""newsarchive: scraped news pages in, a searchable static Pelican archive out."""

import os

__version__ = "0.1.0"

# The topic model's matrix products run in numpy's OpenBLAS, which starts a thread per core in
# every process that loads it: `import --jobs N` (all cores by default) then has N worker
# processes' threads spinning against each other (121 pages on 2 cores: 58 s, against 26 s
# with one thread each). One thread a process, unless the user says otherwise; it must be set
# before numpy is first loaded, which the package's import comes before.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
