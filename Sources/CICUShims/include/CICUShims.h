#ifndef VITEXT_CICU_SHIMS_H
#define VITEXT_CICU_SHIMS_H

// A thin facade over ICU. It uses only stdint types and opaque handles so that Swift never sees
// ICU's headers, its versioned symbol names (u_strToLower_72 …) or its UErrorCode type, which
// clashes with the ICU copy that Foundation bundles. Every function reports failure through an
// int32_t status that is ICU's UErrorCode value (0 = U_ZERO_ERROR, > 0 = failure).

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The name of an ICU status code, e.g. "U_BUFFER_OVERFLOW_ERROR".
const char *vt_error_name(int32_t status);

/// The Unicode form a conversion produces.
enum { VT_FORM_NFC = 0, VT_FORM_NFD = 1 };

/// Normalizes UTF-8 to NFC or NFD. Returns the byte length of the result; when it exceeds
/// `capacity`, nothing useful is written and the caller retries with a larger buffer.
int64_t vt_normalize_utf8(int32_t form, const uint8_t *source, int64_t length,
                          uint8_t *destination, int64_t capacity, int32_t *status);

/// ICU's NFC on UTF-16, for benchmarks that measure ICU alone.
int32_t vt_nfc_utf16(const uint16_t *source, int32_t length, uint16_t *destination,
                     int32_t capacity, int32_t *status);

/// ICU's `unorm2_spanQuickCheckYes` for NFC on UTF-16, for benchmarks.
int32_t vt_nfc_span_quick_check_yes_utf16(const uint16_t *source, int32_t length, int32_t *status);

/// Fills `flags[c]` for every BMP code point c: 1 when c has NFC_Quick_Check=Yes and canonical
/// combining class 0 (a run of such characters is already NFC), 0 otherwise. Surrogates get 0.
void vt_nfc_safe_bmp_flags(uint8_t *flags /* 65536 */, int32_t *status);

/// The canonical combining class of a code point.
uint8_t vt_combining_class(uint32_t codePoint);

/// ICU's general category (UCharCategory) of a code point.
int32_t vt_char_category(uint32_t codePoint);

/// Whether ICU counts the code point as alphabetic (UCHAR_ALPHABETIC).
int32_t vt_is_alphabetic(uint32_t codePoint);

/// Full (context-sensitive) lowercasing of UTF-8 through ICU with the given locale ("vi").
int64_t vt_to_lower_utf8(const char *locale, const uint8_t *source, int64_t length,
                         uint8_t *destination, int64_t capacity, int32_t *status);

/// Converts UTF-8 to UTF-16 (for benchmarks that feed ICU's UTF-16 APIs).
int32_t vt_utf8_to_utf16(const uint8_t *source, int32_t length, uint16_t *destination,
                         int32_t capacity, int32_t *status);

/// A break iterator over UTF-8 text (through UText, so offsets are UTF-8 byte offsets).
typedef struct vt_breaker vt_breaker;
enum { VT_BREAK_WORD = 0, VT_BREAK_SENTENCE = 1 };

vt_breaker *vt_breaker_open(int32_t kind, const char *locale, int32_t *status);
/// Points the iterator at `text`, which must stay alive until the next call or close.
void vt_breaker_set_text(vt_breaker *breaker, const uint8_t *text, int64_t length, int32_t *status);
/// The next boundary as a byte offset, or -1 at the end.
int64_t vt_breaker_next(vt_breaker *breaker);
void vt_breaker_close(vt_breaker *breaker);

#ifdef __cplusplus
}
#endif

#endif
