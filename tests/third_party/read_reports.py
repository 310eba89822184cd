"""Reads factcheck's JUnit and ClaimReview reports with third-party parsers.

    read_reports.py junit FILE        parse with junitparser, a JUnit reader
    read_reports.py claimreview FILE  expand with pyld, a JSON-LD processor,
                                      and look every term up in schema.org

Prints what the parser found as one JSON object, for tests/third_party.rs
to compare with what factcheck meant to write. Exits non-zero when the file
does not parse.

CI has no network but the package registries, so the schema.org context
cannot be fetched. The document loader below serves a stand-in holding the
core of schema.org's own context, `"@vocab": "http://schema.org/"`, and
fails for any other URL. Since under that vocabulary every term expands to
a schema.org IRI, each expanded term is then looked up in the schema.org
vocabulary that rdflib ships (rdflib.namespace.SDO): a term that is not
defined there is reported as unknown.
"""

import json
import sys


def junit(path):
    from junitparser import Error, Failure, JUnitXml, Skipped

    xml = JUnitXml.fromfile(path)
    suites = []
    failed = []
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in xml:
        cases = list(suite)
        suites.append({"name": suite.name, "tests": len(cases)})
        for case in cases:
            totals["tests"] += 1
            for result in case.result:
                if isinstance(result, Failure):
                    totals["failures"] += 1
                    failed.append(
                        {
                            "suite": suite.name,
                            "case": case.name,
                            "classname": case.classname,
                            "message": result.message,
                            "text": result.text,
                        }
                    )
                elif isinstance(result, Error):
                    totals["errors"] += 1
                elif isinstance(result, Skipped):
                    totals["skipped"] += 1
    return {"suites": suites, "totals": totals, "failed": failed}


SCHEMA_CONTEXTS = {"https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/"}


def load_document(url, options=None):
    from pyld import jsonld

    if url not in SCHEMA_CONTEXTS:
        raise jsonld.JsonLdError("no network: only schema.org's context is served", "loading document failed")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": "http://schema.org/"}},
    }


def terms_of(node, found):
    """Collects every property IRI and every type IRI in expanded JSON-LD."""
    if isinstance(node, list):
        for item in node:
            terms_of(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@type":
                found.update(value if isinstance(value, list) else [value])
            elif not key.startswith("@"):
                found.add(key)
            terms_of(value, found)


def claimreview(path):
    from pyld import jsonld
    from rdflib import URIRef
    from rdflib.namespace import SDO

    with open(path, encoding="utf-8") as file:
        document = json.load(file)
    options = {"documentLoader": load_document}
    expanded = jsonld.expand(document, options)
    terms = set()
    terms_of(expanded, terms)
    unknown = []
    for term in sorted(terms):
        local = None
        for prefix in ("http://schema.org/", "https://schema.org/"):
            if term.startswith(prefix):
                local = term[len(prefix) :]
        if local is None or URIRef(str(SDO) + local) not in SDO:
            unknown.append(term)
    quads = jsonld.to_rdf(document, dict(options, format="application/n-quads"))
    reviews = [n for n in expanded if "http://schema.org/ClaimReview" in n.get("@type", [])]
    ratings = {}
    for review in reviews:
        rating = review["http://schema.org/reviewRating"][0]
        name = rating["http://schema.org/alternateName"][0]["@value"]
        ratings[name] = rating["http://schema.org/ratingValue"][0]["@value"]
    return {
        "reviews": len(reviews),
        "terms": sorted(terms),
        "unknown": unknown,
        "triples": len([line for line in quads.splitlines() if line.strip()]),
        "ratings": ratings,
    }


def main():
    kind, path = sys.argv[1], sys.argv[2]
    result = {"junit": junit, "claimreview": claimreview}[kind](path)
    print(json.dumps(result, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
