#!/usr/bin/env python3
"""Writes the comments of Go's runtime at 0a7c7ac80 as normalized text, one comment per line.

gort's CopiedCommentsTest (arch-tests) compares gort's own comments with this list, so that no
comment of Go's is copied word for word into gort. Only comment text is kept, lower-cased and
reduced to words; code and strings are left out.

  scripts/go-comments/extract.py GO_REPO > arch-tests/src/test/resources/go-runtime-comments.txt

GO_REPO is a clone of Go (or the dterei/go fork that keeps upstream hashes): the files are read
with git show, so any checkout state works.
"""
import re
import subprocess
import sys

COMMIT = "0a7c7ac80"
EXTS = (".c", ".h", ".goc", ".go", ".s")


def files(repo):
    out = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "--name-only", COMMIT,
                          "src/pkg/runtime/"], check=True, capture_output=True, text=True).stdout
    return [f for f in out.split("\n") if f.endswith(EXTS) and not f.endswith("_test.go")]


def comments(text):
    """Comment bodies: each /* */ block, and each run of // lines, as one string."""
    out = []
    i, n = 0, len(text)
    run = []
    while i < n:
        c = text[i]
        if c == '"' or c == "'" or c == "`":
            # skip a literal so that comment markers inside it do not count
            q = c
            i += 1
            while i < n and text[i] != q:
                if text[i] == "\\" and q != "`":
                    i += 1
                if text[i] == "\n" and q != "`":
                    break
                i += 1
            i += 1
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            run.append(text[i + 2:j])
            i = j
            # a run continues while the next line is also a // comment
            k = j + 1
            while k < n and text[k] in " \t":
                k += 1
            if not text.startswith("//", k):
                out.append(" ".join(run))
                run = []
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j
            out.append(text[i + 2:j])
            i = j + 2
            continue
        i += 1
    if run:
        out.append(" ".join(run))
    return out


def normalize(s):
    return " ".join(re.findall(r"[a-z0-9_]+", s.lower()))


def main():
    repo = sys.argv[1]
    seen = set()
    for f in files(repo):
        text = subprocess.run(["git", "-C", repo, "show", COMMIT + ":" + f], check=True,
                              capture_output=True, text=True, errors="replace").stdout
        for c in comments(text):
            w = normalize(c)
            if len(w.split()) >= 6 and w not in seen:
                seen.add(w)
                print(w)


if __name__ == "__main__":
    main()
