# Build the Windows installer: dist\Regulars-VERSION-windows-setup.exe.
# Needs Python 3.11+ and Inno Setup 6 (ISCC.exe on PATH, or in its usual folder).
# From the project root:  powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path "$PSScriptRoot\..\..")
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.\.venv\Scripts\python -m pip install -e ".[package]"
$version = .\.venv\Scripts\python -c "import sys; sys.path.insert(0, 'packaging'); from packaging_info import VERSION; print(VERSION)"
if (-not (Select-String -Quiet -Path packaging\windows\version-info.txt -Pattern "'$version'")) {
    throw "packaging\windows\version-info.txt does not say version $version"
}
.\.venv\Scripts\python -m PyInstaller --noconfirm --distpath build\dist --workpath build\work packaging\regulars.spec
$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" packaging\windows\regulars.iss
Write-Host "built dist\Regulars-$version-windows-setup.exe"
