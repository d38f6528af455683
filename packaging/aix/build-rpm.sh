#!/usr/bin/ksh
# Builds the wparup RPM on an AIX build LPAR with IBM Open SDK for Rust on AIX installed.
# Build on the OLDEST AIX level you deploy to (SDK binaries run on that level or later).
#
#   packaging/aix/build-rpm.sh            # from the crate root
#
# Steps: cargo build --release --locked; strip -X64; check with dump -X64 -H that the binary only
# imports the expected system libraries; generate the man page and completions with the binary;
# rpmbuild -bb.
set -e
set -u

cd "$(dirname "$0")/../.."
TOP=$(pwd)
SPEC=packaging/aix/wparup.spec
STAGE=${STAGE:-$TOP/target/rpm}
VERSION=$(sed -n 's/^Version: *//p' "$SPEC")

# Sparse index: cargo on AIX 7.2 crashed with the git index (RUST-ON-AIX.md).
CARGO_REGISTRIES_CRATES_IO_PROTOCOL=sparse
export CARGO_REGISTRIES_CRATES_IO_PROTOCOL

cargo build --release --locked
BIN=target/release/wparup

strip -X64 "$BIN"

# Imported libraries: only the AIX system ones and the SDK runtime are allowed.
ALLOWED='libc.a|libpthread.a|libpthreads.a|libcrypt.a|libunwind.a|libc\+\+.a|libc\+\+abi.a|libm.a|libbsd.a|/unix'
dump -X64 -H "$BIN" > "$STAGE.imports" 2>&1 || { echo "dump -X64 -H failed" >&2; exit 1; }
UNEXPECTED=$(awk '/Import File Strings/{f=1;next} f && NF>=2 && $1 ~ /^[0-9]+$/ {print $NF}' "$STAGE.imports" | grep -Ev "^(/usr/lib:/lib|/opt/.*|/usr/.*lib)?$|$ALLOWED" || true)
if [ -n "$UNEXPECTED" ]; then
    echo "unexpected imported libraries:" >&2
    echo "$UNEXPECTED" >&2
    exit 1
fi

mkdir -p "$STAGE/SOURCES" "$STAGE/BUILD" "$STAGE/RPMS" "$STAGE/SRPMS" "$STAGE/SPECS" "$STAGE/BUILDROOT"
cp "$BIN" "$STAGE/SOURCES/wparup"
rm -rf "$STAGE.man" && mkdir -p "$STAGE.man"
"$BIN" man --dir "$STAGE.man"
(cd "$STAGE.man" && tar -cf "$STAGE/SOURCES/wparup-man.tar" ./*.1)
"$BIN" completions bash > "$STAGE/SOURCES/wparup.bash"
"$BIN" completions zsh > "$STAGE/SOURCES/_wparup"
cp LICENSE README.md "$STAGE/SOURCES/"

rpmbuild -bb --define "_topdir $STAGE" "$SPEC"
echo "built: $(ls "$STAGE"/RPMS/*/wparup-"$VERSION"-*.rpm)"
echo "install with: dnf install ./$(basename "$(ls "$STAGE"/RPMS/*/wparup-"$VERSION"-*.rpm)")"
