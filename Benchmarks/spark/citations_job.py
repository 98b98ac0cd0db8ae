#!/usr/bin/env python3
"""vitext on Apache Spark: the citation table of `vitext citations`, and how many documents name
each unit and official, for corpora larger than one machine.

Each partition is piped through the vitext binary (its analysis is vitext's own, byte for byte);
Spark does the rest: the reduce from one record per citation mention to one row per cited
document follows the rules of vitext's CitationReport (the most frequent written form, the
issuer named most often, the issue date given most often, citing documents in corpus order), so
the table equals `vitext citations --format json` on the same input.

    spark-submit Benchmarks/spark/citations_job.py --vitext .build/release/vitext \
        --out citations.json Corpus/gov/gov-sample.jsonl.gz

Input: JSON Lines ({"id", "text"} a line; .gz read as such). The vitext binary must run on every
worker with its resource folders beside it (`swift build -c release` puts them in
.build/release): install it on the workers, or ship the folder with --archives and pass its path.
"""
import argparse
import json
import sys

from pyspark.sql import SparkSession


def most_voted(votes):
    """The key with the most votes; ties go to the smallest key (CitationReport.mostVoted)."""
    if not votes:
        return None
    best = max(votes.values())
    return min(key for key, count in votes.items() if count == best)


def most_voted_name(votes, identities):
    """The name voted most often, its spellings counted together, in its most voted spelling."""
    if not votes:
        return None
    totals = {}
    for name, count in votes.items():
        totals[identities[name]] = totals.get(identities[name], 0) + count
    best = most_voted(totals)
    return most_voted({name: count for name, count in votes.items() if identities[name] == best})


def most_frequent_form(forms):
    """Most citing documents, then most mentions, then the smallest UTF-8 bytes (EntityName.mostFrequent)."""
    best = max((documents, mentions) for documents, mentions in forms.values())
    return min((form for form, counts in forms.items() if counts == best), key=lambda form: form.encode("utf-8"))


def row_of(identity, mentions, ids):
    """One cited document's row from all its mentions, sorted by (document, place in document)."""
    mentions = sorted(mentions, key=lambda m: (m["n"], m["m"]))
    forms, documents_by_form = {}, {}
    issuer_votes, issuer_identities, date_votes = {}, {}, {}
    citing, row_type, code_issuer = [], None, None
    for mention in mentions:
        # Sorted by document, so a document's mentions are adjacent.
        if not citing or citing[-1] != mention["n"]:
            citing.append(mention["n"])
        form = mention["form"]
        documents_by_form.setdefault(form, set()).add(mention["n"])
        count = forms.get(form, [0, 0])
        count[1] += 1
        forms[form] = count
        if row_type is None:
            row_type = mention["type"]
        if mention["issuer"] is not None:
            issuer_votes[mention["issuer"]] = issuer_votes.get(mention["issuer"], 0) + 1
            issuer_identities[mention["issuer"]] = mention["issuer_identity"]
        if mention["issued_date"] is not None:
            date_votes[mention["issued_date"]] = date_votes.get(mention["issued_date"], 0) + 1
        if code_issuer is None:
            code_issuer = mention["issuer_from_code"]
    for form in forms:
        forms[form] = (len(documents_by_form[form]), forms[form][1])
    return {
        "document": most_frequent_form(forms),
        "type": row_type,
        "issuer": most_voted_name(issuer_votes, issuer_identities) or code_issuer,
        "issued_date": most_voted(date_votes),
        "citing_documents": len(citing),
        "mentions": len(mentions),
        "cited_by": [ids[n] for n in sorted(citing)],
    }


def table_json(rows):
    """The rows as `vitext citations --format json` prints them: one object a line."""
    rows = sorted(rows, key=lambda r: (-r["citing_documents"], -r["mentions"], r["document"]))
    body = ",\n".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows)
    return "[\n" + body + "\n]\n" if rows else "[\n]\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="JSON Lines files or folders ({\"id\", \"text\"} a line; .gz too)")
    parser.add_argument("--vitext", default="vitext", help="the vitext binary on the workers (default: vitext on PATH)")
    parser.add_argument("--out", required=True, help="where to write the citation table (JSON, as vitext citations --format json)")
    parser.add_argument("--entities-out", help="also write documents per unit and per official (JSON Lines)")
    parser.add_argument("--entities-limit", type=int, help="count units and officials over the first N documents only")
    parser.add_argument("--master", help="Spark master when not run by spark-submit (e.g. local[2])")
    parser.add_argument("--partitions", type=int, help="partitions to pipe through vitext (default: Spark's parallelism; a .gz file is read as one)")
    args = parser.parse_args(argv)

    builder = SparkSession.builder.appName("vitext-citations")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    try:
        # Documents are numbered in corpus order; vitext sees the number as the id, so every
        # mention says which document it is from however the partitions fall. Each line is
        # parsed once.
        records = (
            sc.textFile(",".join(args.inputs)).filter(lambda line: line.strip()).zipWithIndex()
            .map(lambda pair: (pair[1], json.loads(pair[0]))).cache()
        )
        ids = dict(records.map(lambda pair: (pair[0], pair[1].get("id", str(pair[0])))).collect())
        def for_vitext(pair):
            return json.dumps({"id": str(pair[0]), "text": pair[1]["text"]}, ensure_ascii=False)

        numbered = records.map(for_vitext)
        numbered = numbered.repartition(args.partitions or sc.defaultParallelism)
        mentions = numbered.pipe(f"{args.vitext} citations --jsonl --mentions").map(json.loads)
        ids_b = sc.broadcast(ids)
        for_rows = mentions.filter(lambda m: not m.get("unresolved")).map(lambda m: dict(m, n=int(m["id"])))
        rows = for_rows.map(lambda m: (m["identity"], m)).groupByKey().map(lambda kv: row_of(kv[0], list(kv[1]), ids_b.value))
        table = rows.collect()
        unresolved = mentions.filter(lambda m: m.get("unresolved")).count()
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(table_json(table))
        print(f"vitext-spark: {len(ids)} documents, {len(table)} cited documents, {unresolved} unresolved short mentions", file=sys.stderr)

        if args.entities_out:
            chosen = numbered if args.entities_limit is None else records.filter(lambda pair, n=args.entities_limit: pair[0] < n).map(for_vitext)
            records = chosen.pipe(f"{args.vitext} export --no-words").map(json.loads)
            counts = (
                records.flatMap(lambda r: [("unit", name) for name in r["units"]] + [("official", name) for name in r["officials"]])
                .map(lambda key: (key, 1))
                .reduceByKey(lambda a, b: a + b)
                .collect()
            )
            with open(args.entities_out, "w", encoding="utf-8") as out:
                for (kind, name), documents in sorted(counts, key=lambda item: (-item[1], item[0])):
                    out.write(json.dumps({"kind": kind, "name": name, "documents": documents}, ensure_ascii=False) + "\n")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
