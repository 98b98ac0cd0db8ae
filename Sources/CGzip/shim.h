// zlib from Debian's zlib1g-dev, for reading the gzip-compressed corpora (.jsonl.gz).
#include <zlib.h>
