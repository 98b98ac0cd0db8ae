#!/usr/bin/env python3
"""How small a vitext index could be: what its positions and postings take today, what other
codes would take for the same data, and what a layout with one list per folded key (the way
tantivy answers a query typed without diacritics) would take.

    python3 Benchmarks/scripts/index_size_bounds.py SEGMENT.vtx [--corpus-mib 137.1]

Reads one segment of index format 3 or 4 (Sources/SearchCore/FORMAT.md). Every figure is
computed from the segment's own postings, positions and document lengths:

- positions as LEB128 varints (the first position, then gaps: format 3's code);
- Rice codes of the gaps with a parameter per term and document, the largest k with
  (f + 1) * 2^k <= L for a document of L tokens holding the term f times (format 4's code: the
  reader knows L and f, so k is not stored);
- Elias-Fano per term and document (same parameter);
- the combinatorial bound log2 C(L, f): what any code needs when the f positions are
  equally likely anywhere among the L;
- the folded layout: per folded key one list of documents (merged postings, varints), which
  spelling holds each document (a varint spelling number, or a spelling mask and one frequency
  per spelling when several do), the merged positions, and a spelling code per position in
  documents holding several spellings (ceil(log2 k) bits for k spellings present).

Pure Python; about two minutes for the gov-corpus benchmark index (43,122 documents).
"""
import argparse
import math
import struct
import sys

SECTION_NAMES = {
    1: "stats", 2: "termKeys", 3: "terms", 4: "postings", 5: "positions", 6: "documentLengths",
    7: "documentOffsets", 8: "documentStrings", 9: "skips", 10: "forwardOffsets", 11: "forwardTerms",
}


def varint_length(value):
    length = 1
    while value >= 128:
        value >>= 7
        length += 1
    return length


def read_varint(buffer, offset):
    value = shift = 0
    while True:
        byte = buffer[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 128:
            return value, offset


def rice_parameter(length, frequency):
    k = 0
    while (frequency + 1) << (k + 1) <= length:
        k += 1
    return k


def log2_binomial(n, k):
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)) / math.log(2)


class Segment:
    def __init__(self, path):
        self.data = data = open(path, "rb").read()
        self.version = struct.unpack_from("<I", data, 8)[0]
        if data[:8] != b"VTXSEG\0\0" or self.version not in (3, 4):
            sys.exit("%s: not a vitext segment of format 3 or 4" % path)
        count = struct.unpack_from("<I", data, len(data) - 16)[0]
        table = len(data) - 16 - count * 24
        self.sections = {}
        for index in range(count):
            kind, _, offset, length = struct.unpack_from("<IIQQ", data, table + index * 24)
            self.sections[kind] = (offset, length)
        self.documents, self.tokens, self.term_count = struct.unpack_from("<QQQ", data, self.sections[1][0])
        offset, length = self.sections[6]
        self.lengths = struct.unpack_from("<%dI" % (length // 4), data, offset)

    def section(self, kind):
        offset, length = self.sections[kind]
        return self.data[offset:offset + length]

    def terms(self):
        """(folded key, exact key, [(document, [positions])]) in dictionary order."""
        keys, postings, positions = self.section(2), self.section(4), self.section(5)
        entries = self.sections[3][0]
        def entry(term):
            return struct.unpack_from("<IHHIIQQ", self.data, entries + term * 32)
        for term in range(self.term_count):
            key, folded_length, exact_length, frequency, _, postings_offset, positions_offset = entry(term)
            if self.version == 4:
                # Both bit streams as strings of '0'/'1', least significant bit of each byte first.
                end = entry(term + 1)[6]
                unary_length, start = read_varint(positions, positions_offset)
                bits = lambda chunk: "".join(format(byte, "08b")[::-1] for byte in chunk)
                unary = bits(positions[start:start + unary_length])
                remainders = bits(positions[start + unary_length:end])
                u = r = 0
            folded = keys[key:key + folded_length]
            exact = keys[key + folded_length:key + folded_length + exact_length]
            documents = []
            document = 0
            p, q = postings_offset, positions_offset
            for _ in range(frequency):
                head, p = read_varint(postings, p)
                count = (head & 7) + 1
                if count == 8:
                    extra, p = read_varint(postings, p)
                    count += extra
                document += head >> 3
                found = []
                if self.version == 4:
                    k = rice_parameter(self.lengths[document], count)
                    position = -1
                    for _ in range(count):
                        one = unary.index("1", u)
                        gap = (one - u) << k
                        u = one + 1
                        if k:
                            gap |= int(remainders[r:r + k][::-1], 2)
                            r += k
                        position += gap + 1
                        found.append(position)
                else:
                    position = 0
                    for index in range(count):
                        gap, q = read_varint(positions, q)
                        position = gap if index == 0 else position + gap
                        found.append(position)
                documents.append((document, found))
            yield folded, exact, documents


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("segment")
    parser.add_argument("--corpus-mib", type=float, help="corpus text size, for index/corpus ratios")
    arguments = parser.parse_args()
    segment = Segment(arguments.segment)
    lengths = segment.lengths

    sizes = {SECTION_NAMES.get(kind, str(kind)): length for kind, (_, length) in segment.sections.items()}
    file_size = len(segment.data)
    stored_positions = sizes["positions"]
    stored_postings = sizes["postings"]
    rest = file_size - stored_positions - stored_postings

    totals = dict.fromkeys(
        ["postings", "varints", "rice", "elias_fano", "bound", "folded_postings", "spelling_info",
         "folded_positions", "folded_bound", "spelling_code_bits", "pattern_bits", "arrangement_bits"], 0)
    keys = {"exact": 0, "folded": 0, "multi": 0}

    def flush(group):
        if not group:
            return
        keys["folded"] += 1
        merged = {}
        for spelling, documents in enumerate(group):
            for document, found in documents:
                merged.setdefault(document, []).extend((position, spelling) for position in found)
        if len(group) > 1:
            keys["multi"] += 1
        patterns = {}
        previous = 0
        for document in sorted(merged):
            occurrences = sorted(merged[document])
            frequency = len(occurrences)
            head = (document - previous) * 8 + min(frequency - 1, 7)
            totals["folded_postings"] += varint_length(head) + (varint_length(frequency - 8) if frequency >= 8 else 0)
            previous = document
            last = 0
            for index, (position, _) in enumerate(occurrences):
                totals["folded_positions"] += varint_length(position if index == 0 else position - last)
                last = position
            totals["folded_bound"] += log2_binomial(lengths[document], frequency)
            if len(group) > 1:
                held = {}
                for _, spelling in occurrences:
                    held[spelling] = held.get(spelling, 0) + 1
                pattern = frozenset(held)
                patterns[pattern] = patterns.get(pattern, 0) + 1
                if len(held) == 1:
                    totals["spelling_info"] += varint_length(next(iter(held)) + 1)
                else:
                    mask = sum(1 << min(spelling, 63) for spelling in held)
                    totals["spelling_info"] += varint_length(mask) + sum(varint_length(count) for count in held.values())
                    totals["spelling_code_bits"] += frequency * math.ceil(math.log2(len(held)))
                    # Which occurrence is which spelling, given how many each has: log2 of the
                    # multinomial coefficient, plus the counts themselves (log2 of their choices).
                    arrangement = math.lgamma(frequency + 1) - sum(math.lgamma(count + 1) for count in held.values())
                    counts = log2_binomial(frequency - 1, len(held) - 1) * math.log(2)
                    totals["arrangement_bits"] += (arrangement + counts) / math.log(2)
        # Which set of spellings holds a document, at its empirical entropy within the key: what
        # an ideal code per key would spend (the frequencies of mixed documents follow from the
        # per-position codes).
        entries = sum(patterns.values())
        for count in patterns.values():
            totals["pattern_bits"] += count * math.log2(entries / count)

    group, group_key = [], None
    for folded, _, documents in segment.terms():
        keys["exact"] += 1
        if folded != group_key:
            flush(group)
            group, group_key = [], folded
        group.append(documents)
        for document, found in documents:
            length, frequency = lengths[document], len(found)
            parameter = rice_parameter(length, frequency)
            last = -1
            for index, position in enumerate(found):
                totals["rice"] += ((position - last - 1) >> parameter) + 1 + parameter
                totals["varints"] += varint_length(position if index == 0 else position - last)
                last = position
            totals["elias_fano"] += frequency * parameter + frequency + (length >> parameter) + 1
            totals["bound"] += log2_binomial(length, frequency)
    flush(group)

    megabytes = lambda value: value / 1e6
    def ratio(total_bytes):
        if not arguments.corpus_mib:
            return ""
        return "  index/corpus %.3f" % (total_bytes / 2**20 / arguments.corpus_mib)

    print("segment %s: %d documents, %d positions, %d terms (%d folded keys, %d with several spellings), %.2f MB"
          % (arguments.segment, segment.documents, segment.tokens, keys["exact"], keys["folded"], keys["multi"],
             megabytes(file_size)))
    for name, length in sorted(sizes.items(), key=lambda item: -item[1]):
        print("  %-16s %10d bytes" % (name, length))
    print("\nthis layout (one list per spelling):")
    print("  as stored (format %d)               %7.2f MB of positions%s"
          % (segment.version, megabytes(stored_positions), ratio(file_size)))
    for label, bits in (("varints", totals["varints"] * 8),
                        ("Rice, parameter from L and f", totals["rice"]),
                        ("Elias-Fano, same parameter", totals["elias_fano"]),
                        ("bound log2 C(L, f)", totals["bound"])):
        whole = rest + stored_postings + bits / 8
        print("  positions as %-22s %7.2f MB -> index %.2f MB%s" % (label, megabytes(bits / 8), megabytes(whole), ratio(whole)))
    print("\nfolded layout (one list per folded key, spellings marked):")
    folded_fixed = rest + totals["folded_postings"] + totals["spelling_info"] + totals["spelling_code_bits"] / 8
    print("  postings %.2f MB, spelling per document %.2f MB, spelling per position %.2f MB"
          % (megabytes(totals["folded_postings"]), megabytes(totals["spelling_info"]), megabytes(totals["spelling_code_bits"] / 8)))
    for label, size in (("positions as varints", totals["folded_positions"]),
                        ("positions at the bound", totals["folded_bound"] / 8)):
        whole = folded_fixed + size
        print("  %-26s %7.2f MB -> index %.2f MB%s" % (label, megabytes(size), megabytes(whole), ratio(whole)))
    ideal = folded_fixed - totals["spelling_info"] + totals["pattern_bits"] / 8 + totals["folded_bound"] / 8
    print("  positions at the bound and spellings per document at their entropy (%.2f MB): index %.2f MB%s"
          % (megabytes(totals["pattern_bits"] / 8), megabytes(ideal), ratio(ideal)))
    ideal += (totals["arrangement_bits"] - totals["spelling_code_bits"]) / 8
    print("  and the spelling of each position at its bound given the counts (%.2f MB): index %.2f MB%s"
          % (megabytes(totals["arrangement_bits"] / 8), megabytes(ideal), ratio(ideal)))


if __name__ == "__main__":
    main()
