#!/usr/bin/env bash
# Regenerates the user guide's screenshots from the browser journeys (real portal, real Chromium), and copies the
# ones the help centre shows into the portal's static files. Run from anywhere; needs chromium (see tests/run.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
images="$root/docs/user-guide/images"
rm -rf "$images"
mkdir -p "$images"
SIGMA_USER_GUIDE_IMAGES="$images" dotnet test "$root/tests/Sigma.Portal.BrowserTests" -c Release
help="$root/src/Sigma.Portal/wwwroot/images/help"
mkdir -p "$help"
for name in nl-04-setup nl-04-setup-phone en-04-setup en-04-setup-phone nl-05-recovery-codes en-05-recovery-codes nl-11-new-phone \
    nl-15-passkeys nl-16-sign-in-with-passkey; do
    cp "$images/$name.png" "$help/$name.png"
done
echo "Screenshots written to $images and $help."
