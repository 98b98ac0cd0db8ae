// Only for the C shim: pulls in the ICU headers and, through the module map, the link flags.
// Swift code must not import this module (see Package.swift).
#include <unicode/utypes.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/uchar.h>
