#!/usr/bin/env bash
# Builds, signs, notarizes and staples Softphone.app and its .dmg. NOT RUN IN THIS REPOSITORY'S
# CI: it needs a Mac (macOS 12+, Xcode command-line tools), an Apple Developer ID Application
# certificate in the keychain, and a notarytool keychain profile. Every step is written here.
#
#   SIGN_ID="Developer ID Application: Example Ltd (TEAMID)" NOTARY_PROFILE=softphone-notary \
#     packaging/macos/build.sh
#
# One-time set-up of the notary profile (an app-specific password of the Apple ID):
#   xcrun notarytool store-credentials softphone-notary --apple-id it@example.com --team-id TEAMID
# Without SIGN_ID the app is built and ad-hoc signed only (runs on this Mac, not elsewhere).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.local/bin:$PATH"
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' softphone/__init__.py)
app=dist/Softphone.app
dmg=dist/softphone-$version.dmg

# 1. The pinned environment and the frozen app: build.spec's BUNDLE makes Softphone.app with
#    softphone.icns, NSMicrophoneUsageDescription, NSCameraUsageDescription and CFBundleURLTypes
#    for tel:, sip: and callto: (the Info.plist keys are in build.spec).
uv sync --frozen
uv run pyinstaller --noconfirm --workpath build/pyinstaller build.spec

# 2. Prove the bundle before signing it (the keyring check uses the login Keychain).
"$app/Contents/MacOS/softphone" self-test

# 3. Sign inside out with the hardened runtime (notarization requires it) and a secure
#    timestamp: every library and executable, then the app with the entitlements.
identity=${SIGN_ID:--}
sign() { codesign --force --timestamp --options runtime --sign "$identity" "$@"; }
find "$app/Contents" -type f \( -name '*.so' -o -name '*.dylib' \) -print0 |
  while IFS= read -r -d '' lib; do sign "$lib"; done
find "$app/Contents/Frameworks" -type d -name '*.framework' -prune -print0 2>/dev/null |
  while IFS= read -r -d '' framework; do sign "$framework"; done
for exe in "$app/Contents/MacOS/"*; do
  sign --entitlements packaging/macos/entitlements.plist "$exe"
done
sign --entitlements packaging/macos/entitlements.plist "$app"
codesign --verify --deep --strict --verbose=2 "$app"

# 4. The disk image: the app and a link to /Applications, compressed; signed too.
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "Agent Softphone $version" -srcfolder "$staging" -format UDZO -ov "$dmg"
[[ $identity == - ]] || codesign --force --timestamp --sign "$identity" "$dmg"

# 5. Notarize (Apple scans it; minutes) and staple the ticket so Gatekeeper accepts it offline.
if [[ $identity != - ]]; then
  xcrun notarytool submit "$dmg" --keychain-profile "${NOTARY_PROFILE:?set NOTARY_PROFILE}" --wait
  xcrun stapler staple "$dmg"
  xcrun stapler staple "$app"
  spctl --assess --type open --context context:primary-signature --verbose "$dmg"
  spctl --assess --type execute --verbose "$app"
fi
echo "$dmg"
