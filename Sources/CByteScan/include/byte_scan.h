#ifndef VITEXT_BYTE_SCAN_H
#define VITEXT_BYTE_SCAN_H

// Byte classification for the normalizer's already-canonical check, sixty-four bytes at a time.
//
// Swift's SIMD types have no "one bit per lane" operation (x86's movemask), and their comparison
// masks are turned into integers lane by lane; this header gives the check that one operation.
// It is `static inline` so that Swift inlines it into the loop that reads the masks.

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__ARM_NEON)
#include <arm_neon.h>
#endif

/// Bit j of *leads is set when p[j] >= 0xC0 (it starts a code point above ASCII); bit j of
/// *controls when p[j] is a control the normalizer removes or rewrites: below 0x20 other than
/// tab and newline, or 0x7F. Reads exactly 64 bytes.
static inline __attribute__((always_inline)) void vitext_classify64(
    const uint8_t *p, uint64_t *leads, uint64_t *controls) {
  uint64_t l = 0, c = 0;
#if defined(__SSE2__)
  const __m128i lead_floor = _mm_set1_epi8((char)0xC0);
  const __m128i control_ceiling = _mm_set1_epi8(0x1F);
  const __m128i tab = _mm_set1_epi8(0x09);
  const __m128i newline = _mm_set1_epi8(0x0A);
  const __m128i del = _mm_set1_epi8(0x7F);
  for (int i = 0; i < 4; i++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * i));
    // Unsigned comparisons through max/min: SSE2 only compares bytes as signed.
    __m128i lead = _mm_cmpeq_epi8(_mm_max_epu8(v, lead_floor), v);
    __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, control_ceiling), v);
    __m128i kept = _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, newline));
    __m128i control = _mm_or_si128(_mm_andnot_si128(kept, low), _mm_cmpeq_epi8(v, del));
    l |= (uint64_t)(uint32_t)_mm_movemask_epi8(lead) << (16 * i);
    c |= (uint64_t)(uint32_t)_mm_movemask_epi8(control) << (16 * i);
  }
#elif defined(__ARM_NEON)
  // NEON has no movemask: narrow each lane's comparison to four bits, then keep one of them.
  for (int i = 0; i < 4; i++) {
    uint8x16_t v = vld1q_u8(p + 16 * i);
    uint8x16_t lead = vcgeq_u8(v, vdupq_n_u8(0xC0));
    uint8x16_t kept = vorrq_u8(vceqq_u8(v, vdupq_n_u8(0x09)), vceqq_u8(v, vdupq_n_u8(0x0A)));
    uint8x16_t control =
        vorrq_u8(vbicq_u8(vcltq_u8(v, vdupq_n_u8(0x20)), kept), vceqq_u8(v, vdupq_n_u8(0x7F)));
    uint64_t lead_nibbles = vget_lane_u64(vreinterpret_u64_u8(vshrn_n_u16(vreinterpretq_u16_u8(lead), 4)), 0);
    uint64_t control_nibbles =
        vget_lane_u64(vreinterpret_u64_u8(vshrn_n_u16(vreinterpretq_u16_u8(control), 4)), 0);
    for (int j = 0; j < 16; j++) {
      l |= ((lead_nibbles >> (4 * j)) & 1) << (16 * i + j);
      c |= ((control_nibbles >> (4 * j)) & 1) << (16 * i + j);
    }
  }
#else
  for (int j = 0; j < 64; j++) {
    uint8_t b = p[j];
    l |= (uint64_t)(b >= 0xC0) << j;
    c |= (uint64_t)((b < 0x20 && b != 0x09 && b != 0x0A) || b == 0x7F) << j;
  }
#endif
  *leads = l;
  *controls = c;
}

#endif
