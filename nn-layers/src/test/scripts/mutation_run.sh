#!/bin/bash
# The reliability mutation run: builds a folder of 1 000 real images (5 % damaged) and checks it with ImageFolderCheck.
# usage: nn-layers/src/test/scripts/mutation_run.sh [OUT=/tmp/callosum-mutation-run].
# Needs /usr/bin/python3 with PIL and scikit-image's data (python3-skimage).
set -euo pipefail
out=${1:-/tmp/callosum-mutation-run}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
/usr/bin/python3 "$here/build_mutation_folder.py" "$out"
cp_file=$(mktemp)
# compile in the same reactor run, so that tensor-core resolves to its build output without an install
mvn -q -B -o test-compile dependency:build-classpath -pl nn-layers -am -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime -f "$root/pom.xml" >/dev/null
cp="$root/nn-layers/target/classes:$(cat "$cp_file")"
classes=$(mktemp -d)
javac -d "$classes" -cp "$cp" "$root/nn-layers/src/test/java/io/callosum/nn/data/MutationRun.java"
java --add-modules jdk.incubator.vector -cp "$classes:$cp" io.callosum.nn.data.MutationRun "$out"
rm -rf "$classes" "$cp_file"
