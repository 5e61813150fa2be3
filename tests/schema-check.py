#!/usr/bin/python3
"""Check polyaudit's JSON output against schemas/*.schema.json.

usage: schema-check.py SCHEMADIR LIST
    LIST holds one check a line, SCHEMA<TAB>FILE<TAB>NAME: FILE holds one
    JSON document or JSON Lines, each valid against SCHEMA.schema.json.
    Prints "ok<TAB>NAME" or "fail<TAB>NAME<TAB>WHY" for each line.
usage: schema-check.py SCHEMADIR --schemas
    Checks each schema against the draft 2020-12 meta-schema, its $id, and
    that every $ref resolves; prints the same lines, one per schema.

Every schema's $id is BASE + its file name, so references between the
files resolve offline from SCHEMADIR (nothing is fetched).
"""
import json
import os
import sys

import jsonschema

BASE = "https://polyaudit.invalid/schemas/"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
Validator = jsonschema.Draft202012Validator


def no_duplicates(pairs):
    seen = {}
    for k, v in pairs:
        if k in seen:
            raise ValueError("duplicate key %r" % k)
        seen[k] = v
    return seen


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=no_duplicates)


def load_schemas(sdir):
    return {BASE + n: load(os.path.join(sdir, n))
            for n in sorted(os.listdir(sdir)) if n.endswith(".schema.json")}


try:        # jsonschema >= 4.18 resolves through "referencing"
    from referencing import Registry, Resource

    def validator(store, uri):
        reg = Registry().with_resources(
            (u, Resource.from_contents(s)) for u, s in store.items())
        return Validator(store[uri], registry=reg)

    def resolve(store, uri, ref):
        validator(store, uri)._resolver.lookup(ref)
except ImportError:     # Debian 12's 4.10
    def validator(store, uri):
        r = jsonschema.RefResolver(uri, store[uri], store=store)
        return Validator(store[uri], resolver=r)

    def resolve(store, uri, ref):
        jsonschema.RefResolver(uri, store[uri], store=store).resolve(ref)


def refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)


def why(err):
    where = "/".join(str(p) for p in err.absolute_path) or "(document)"
    msg = err.message
    return "%s: %s" % (where, msg if len(msg) < 300 else msg[:300] + "...")


def check_schemas(store):
    for uri, s in store.items():
        name = uri[len(BASE):]
        try:
            if s.get("$schema") != DRAFT:
                raise ValueError("$schema is not %s" % DRAFT)
            if s.get("$id") != uri:
                raise ValueError("$id is not %s" % uri)
            Validator.check_schema(s)
            for r in refs(s):
                resolve(store, uri, r)
            yield "ok\t%s is a valid draft 2020-12 schema" % name
        except Exception as e:      # any failure is this schema's
            yield "fail\t%s is a valid draft 2020-12 schema\t%.300s" % (name, e)


def documents(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return [(None, json.loads(text, object_pairs_hook=no_duplicates))]
    except ValueError:
        pass
    return [(n, json.loads(line, object_pairs_hook=no_duplicates))
            for n, line in enumerate(text.split("\n"), 1) if line != ""]


def check_list(store, listfile):
    validators = {}
    with open(listfile, encoding="utf-8") as f:
        for entry in f:
            schema, path, name = entry.rstrip("\n").split("\t", 2)
            uri = BASE + schema + ".schema.json"
            try:
                if uri not in store:
                    raise ValueError("no schema %s.schema.json" % schema)
                if uri not in validators:
                    validators[uri] = validator(store, uri)
                docs = documents(path)
                if not docs:
                    raise ValueError("no JSON document")
                for line, doc in docs:
                    err = jsonschema.exceptions.best_match(
                        validators[uri].iter_errors(doc))
                    if err is not None:
                        at = "" if line is None else "line %d: " % line
                        raise ValueError(at + why(err))
                yield "ok\t%s" % name
            except ValueError as e:
                yield "fail\t%s\t%s" % (name, e)


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    store = load_schemas(argv[1])
    out = check_schemas(store) if argv[2] == "--schemas" \
        else check_list(store, argv[2])
    for line in out:
        print(line)


if __name__ == "__main__":
    main(sys.argv)
