#!/bin/sh
# Smoke-test the Linux package (run by .ci/run after packaging/linux/build.sh): unpack the
# .tar.gz, install it into a throwaway home, and run the frozen app offscreen against a
# fresh database: open the window until it paints, make 1,000 demo customers, print their
# cards to a PDF, import a small CSV through the import's helper processes. Proves that the
# fonts, templates, icons, migrations and multiprocessing all work inside the frozen app.
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
tarball="${1:-$(ls -t "$root"/dist/Regulars-*-linux-*.tar.gz | head -1)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }

tar -C "$work" -xzf "$tarball"
unpacked="$(ls -d "$work"/Regulars-*)"
export HOME="$work/home" REGULARS_HOME="$work/regulars" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"
"$unpacked/install.sh" > "$work/install.out"
for file in .local/bin/regulars .local/share/applications/org.regulars.Regulars.desktop \
        .local/share/metainfo/org.regulars.Regulars.metainfo.xml \
        .local/share/mime/packages/org.regulars.Regulars.xml \
        .local/share/icons/hicolor/256x256/apps/org.regulars.Regulars.png; do
    [ -e "$HOME/$file" ] || fail "install.sh did not install $file"
done
app="$HOME/.local/bin/regulars"
db="$work/shop.db"
cd "$work"

painted="$("$app" --db "$db" --exit-after-paint)" || fail "--exit-after-paint exited $?"
case "$painted" in ''|*[!0-9]*) fail "--exit-after-paint printed '$painted', not milliseconds";; esac
echo "window painted in $painted ms"

demo="$("$app" demo --customers 1000 --db "$db")" || fail "demo exited $?"
echo "$demo" | grep -q "created 1,000 demo customers" || fail "demo said: $demo"
echo "$demo"

printed="$("$app" print cards --template thank-you --all --out "$work/cards.pdf" \
    --labels "$work/labels.pdf" --db "$db" 2>/dev/null)" || fail "print cards exited $?"
echo "$printed" | grep -Eq "^printed [0-9,]+ thank-you items \([0-9,]+ pages" \
    || fail "print cards said: $printed"
[ "$(head -c 5 "$work/cards.pdf")" = "%PDF-" ] || fail "cards.pdf is not a PDF"
[ "$(wc -c < "$work/cards.pdf")" -gt 100000 ] || fail "cards.pdf is too small to hold its cards"
grep -q "NotoSerif" "$work/cards.pdf" || fail "the bundled fonts are not in cards.pdf"
echo "$printed"

printf 'First name,Last name,Email,City\nAnna,Berg,anna@example.com,Oslo\nBo,Lind,bo@example.com,Malmö\n' \
    > "$work/customers.csv"
imported="$(REGULARS_IMPORT_HELPERS_FROM_BYTES=0 "$app" import "$work/customers.csv" --db "$db")" \
    || fail "import exited $?"
echo "$imported" | grep -q "2 created" || fail "import said: $imported"
grep -q "in 1 helper process\|in 2 helper process" "$REGULARS_HOME/logs/regulars.log" \
    || fail "the import did not clean its rows in a helper process"
found="$("$app" find bo@example.com --db "$db")" || fail "find exited $?"
echo "$found" | grep -q "Lind" || fail "the imported customer is not found: $found"
echo "$imported"

"$unpacked/uninstall.sh" > /dev/null
[ ! -e "$HOME/.local/bin/regulars" ] || fail "uninstall.sh left the command behind"
echo "smoke test passed: $(basename "$tarball")"
