#!/bin/sh
# check-citations.sh SOURCE_DIR -- the test book.no-outside-paths: no file
# of the project cites a document that is not part of it (a sibling
# checkout's shared directory, a specification directory, or design, style,
# rewriting and toolchain notes kept elsewhere).  A reader has only what is
# in the tree; everything they need is in the book (docs/).  The patterns
# below are written so that this file does not match them.
set -u
src=$1
cd "$src" || exit 1
pattern='\.\./shared|spec/(language|rewriting|toolchain|wei)\.md'
pattern=$pattern'|(^|[^A-Za-z0-9_-])(design|style|rewriting|toolchain)\.md'
hits=$(grep -rInE "$pattern" --exclude-dir=node_modules \
           README.md docs core whamm-ld cmake-modules providers samples bench \
           tests 2>/dev/null)
if [ -n "$hits" ]; then
    echo "files cite paths outside the project:" >&2
    echo "$hits" >&2
    exit 1
fi
echo "no citation of a path outside the project"
