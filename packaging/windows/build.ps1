# Builds the Windows installer. NOT RUN IN THIS REPOSITORY'S CI (it needs Windows); written
# step by step for the release machine:
#   Windows 10/11 x64, Python 3.12 x64, uv, Inno Setup 6 (ISCC.exe), and for signing the
#   Windows SDK's signtool.exe with a code-signing certificate (.pfx).
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-CertFile cert.pfx -CertPassword ...]
#
# Output: dist\softphone-<version>-setup.exe (and dist\softphone\, the frozen bundle).
param(
    [string]$CertFile = "",          # a .pfx: sign the executables and the installer
    [string]$CertPassword = "",
    [string]$TimestampUrl = "http://timestamp.digicert.com",
    [string]$Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

# 1. The pinned environment (desktop + dev group: PyInstaller), exactly as on Linux.
uv sync --frozen
if ($LASTEXITCODE) { throw "uv sync failed" }

# 2. The frozen bundle: dist\softphone\softphone.exe (console: CLI, headless agent) and
#    softphone-gui.exe (no console), with softphone.ico and the version resource from the package.
uv run pyinstaller --noconfirm --workpath build\pyinstaller build.spec
if ($LASTEXITCODE) { throw "pyinstaller failed" }

# 3. Prove the bundle before packaging it: every library and data file loads (a keyring is
#    Windows Credential Manager here, so the keyring check is real).
& dist\softphone\softphone.exe self-test
if ($LASTEXITCODE) { throw "self-test of the frozen build failed" }

$version = (Select-String -Path softphone\__init__.py -Pattern '__version__ = "(.+)"').Matches[0].Groups[1].Value

# 4. The installer. With a certificate, ISCC signs every [Files] entry flagged `sign`, the
#    uninstaller and the setup itself through the "signtool" command defined here
#    (SHA-256 file digest, RFC 3161 timestamp so the signature outlives the certificate).
$isccArgs = @("/DAppVersion=$version")
if ($CertFile) {
    $signtool = (Get-Command signtool.exe -ErrorAction Stop).Source
    $isccArgs += "/DSignTool"
    $isccArgs += "/Ssigntool=`"$signtool`" sign /f `"$CertFile`" /p `"$CertPassword`" /fd sha256 /tr $TimestampUrl /td sha256 `$f"
}
$isccArgs += "packaging\windows\softphone.iss"
& $Iscc @isccArgs
if ($LASTEXITCODE) { throw "ISCC failed" }

# 5. A signed installer is verified before it leaves the machine.
if ($CertFile) {
    & signtool.exe verify /pa /v "dist\softphone-$version-setup.exe"
    if ($LASTEXITCODE) { throw "signature verification failed" }
}
Write-Host "dist\softphone-$version-setup.exe"
