// Only for the C shim (CXMLShims): libxml2's headers include ICU's when libxml2 was built with
// ICU (Debian's is), and ICU's UErrorCode clashes with the copy Foundation bundles. Swift code
// must not import this module.
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
