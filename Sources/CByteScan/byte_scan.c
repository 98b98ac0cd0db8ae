// The scan is header-only (static inline, so that Swift inlines it); SwiftPM needs a source file.
#include "byte_scan.h"
