// Calls ICU by its unversioned names; ICU's urename.h maps them to the installed version.
#include "CICUShims.h"
#include <unicode/utypes.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/uchar.h>
#include <stdlib.h>
#include <string.h>

const char *vt_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

static const UNormalizer2 *normalizer_for(int32_t form, UErrorCode *err) {
  return form == VT_FORM_NFD ? unorm2_getNFDInstance(err) : unorm2_getNFCInstance(err);
}

// An operation on UTF-16 text: writes at most `capacity` units to `destination`, returns the
// length it needs.
typedef int32_t (*utf16_operation)(const void *context, const UChar *source, int32_t length,
                                   UChar *destination, int32_t capacity, UErrorCode *err);

// Runs `operation` on UTF-8 text through ICU's UTF-16, and writes the result as UTF-8.
// Returns the UTF-8 length of the result; when it exceeds `capacity`, the caller retries.
static int64_t through_utf16(utf16_operation operation, const void *context, const uint8_t *source,
                             int64_t length, uint8_t *destination, int64_t capacity,
                             int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  if (length > INT32_MAX / 4) { *status = U_INDEX_OUTOFBOUNDS_ERROR; return 0; }
  int32_t utf16Length = 0;
  u_strFromUTF8(NULL, 0, &utf16Length, (const char *)source, (int32_t)length, &err);
  if (err == U_BUFFER_OVERFLOW_ERROR) err = U_ZERO_ERROR;
  if (U_FAILURE(err)) { *status = err; return 0; }
  UChar *utf16 = malloc(sizeof(UChar) * (size_t)(utf16Length + 1));
  if (!utf16) { *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
  u_strFromUTF8(utf16, utf16Length + 1, NULL, (const char *)source, (int32_t)length, &err);

  // NFD and case mapping can grow text (a letter with two marks becomes three code units).
  int32_t resultCapacity = utf16Length * 3 + 16;
  UChar *result = malloc(sizeof(UChar) * (size_t)resultCapacity);
  if (!result) { free(utf16); *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
  int32_t resultLength = operation(context, utf16, utf16Length, result, resultCapacity, &err);
  free(utf16);
  if (U_FAILURE(err)) { free(result); *status = err; return 0; }

  int32_t utf8Length = 0;
  u_strToUTF8((char *)destination, (int32_t)(capacity > INT32_MAX ? INT32_MAX : capacity),
              &utf8Length, result, resultLength, &err);
  free(result);
  if (err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING) err = U_ZERO_ERROR;
  *status = err;
  return utf8Length;
}

static int32_t normalize_operation(const void *context, const UChar *source, int32_t length,
                                   UChar *destination, int32_t capacity, UErrorCode *err) {
  return unorm2_normalize((const UNormalizer2 *)context, source, length, destination, capacity, err);
}

int64_t vt_normalize_utf8(int32_t form, const uint8_t *source, int64_t length,
                          uint8_t *destination, int64_t capacity, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *norm = normalizer_for(form, &err);
  if (U_FAILURE(err)) { *status = err; return 0; }
  return through_utf16(normalize_operation, norm, source, length, destination, capacity, status);
}

int32_t vt_nfc_utf16(const uint16_t *source, int32_t length, uint16_t *destination,
                     int32_t capacity, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *norm = unorm2_getNFCInstance(&err);
  int32_t n = unorm2_normalize(norm, (const UChar *)source, length, (UChar *)destination,
                               capacity, &err);
  *status = err;
  return n;
}

int32_t vt_nfc_span_quick_check_yes_utf16(const uint16_t *source, int32_t length,
                                          int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *norm = unorm2_getNFCInstance(&err);
  int32_t n = unorm2_spanQuickCheckYes(norm, (const UChar *)source, length, &err);
  *status = err;
  return n;
}

void vt_nfc_safe_bmp_flags(uint8_t *flags, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *norm = unorm2_getNFCInstance(&err);
  if (U_FAILURE(err)) { *status = err; return; }
  for (uint32_t c = 0; c < 0x10000; c++) {
    if (c >= 0xD800 && c <= 0xDFFF) { flags[c] = 0; continue; }
    UChar unit = (UChar)c;
    UErrorCode e = U_ZERO_ERROR;
    UNormalizationCheckResult check = unorm2_quickCheck(norm, &unit, 1, &e);
    flags[c] = (U_SUCCESS(e) && check == UNORM_YES && u_getCombiningClass((UChar32)c) == 0) ? 1 : 0;
  }
  *status = U_ZERO_ERROR;
}

uint8_t vt_combining_class(uint32_t codePoint) { return u_getCombiningClass((UChar32)codePoint); }

int32_t vt_char_category(uint32_t codePoint) { return (int32_t)u_charType((UChar32)codePoint); }

int32_t vt_is_alphabetic(uint32_t codePoint) {
  return u_hasBinaryProperty((UChar32)codePoint, UCHAR_ALPHABETIC) ? 1 : 0;
}

static int32_t lower_operation(const void *context, const UChar *source, int32_t length,
                               UChar *destination, int32_t capacity, UErrorCode *err) {
  return u_strToLower(destination, capacity, source, length, (const char *)context, err);
}

int64_t vt_to_lower_utf8(const char *locale, const uint8_t *source, int64_t length,
                         uint8_t *destination, int64_t capacity, int32_t *status) {
  return through_utf16(lower_operation, locale, source, length, destination, capacity, status);
}

int32_t vt_utf8_to_utf16(const uint8_t *source, int32_t length, uint16_t *destination,
                         int32_t capacity, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t n = 0;
  u_strFromUTF8((UChar *)destination, capacity, &n, (const char *)source, length, &err);
  if (err == U_STRING_NOT_TERMINATED_WARNING) err = U_ZERO_ERROR;
  *status = err;
  return n;
}

struct vt_breaker {
  UBreakIterator *iterator;
  UText *text;
};

vt_breaker *vt_breaker_open(int32_t kind, const char *locale, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  UBreakIterator *it = ubrk_open(kind == VT_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD, locale,
                                 NULL, 0, &err);
  if (U_FAILURE(err)) { *status = err; return NULL; }
  vt_breaker *b = calloc(1, sizeof(vt_breaker));
  b->iterator = it;
  *status = U_ZERO_ERROR;
  return b;
}

void vt_breaker_set_text(vt_breaker *b, const uint8_t *text, int64_t length, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  b->text = utext_openUTF8(b->text, (const char *)text, length, &err);
  if (U_FAILURE(err)) { *status = err; return; }
  ubrk_setUText(b->iterator, b->text, &err);
  *status = err;
}

int64_t vt_breaker_next(vt_breaker *b) {
  int32_t next = ubrk_next(b->iterator);
  return next == UBRK_DONE ? -1 : (int64_t)next;
}

void vt_breaker_close(vt_breaker *b) {
  if (!b) return;
  ubrk_close(b->iterator);
  if (b->text) utext_close(b->text);
  free(b);
}
