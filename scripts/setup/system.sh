#!/usr/bin/env bash
# System packages the tests need: Debian's Chromium, faketime, libwbxml2-utils (wbxml2xml, the WBXML
# decoder's test oracle), PowerShell 7.6.9 (a .NET global tool) and Pester 6.2.0 (from NuGet,
# unpacked into .tools/). Each is installed only when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
PWSH_VERSION=7.6.9
PESTER_VERSION=6.2.0

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "setup: installing Chromium (Debian package)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if ! command -v faketime >/dev/null 2>&1; then
  echo "setup: installing faketime (Debian package; the clock-shifted test runs need it)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
fi

if ! command -v wbxml2xml >/dev/null 2>&1; then
  echo "setup: installing libwbxml2-utils (Debian package; wbxml2xml is the WBXML test oracle)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libwbxml2-utils >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK is needed to install PowerShell; install it (package dotnet-sdk) and run again" >&2
  exit 1
fi

pwsh_bin="$HOME/.dotnet/tools/pwsh"
if ! { [ -x "$pwsh_bin" ] && "$pwsh_bin" -NoLogo -NoProfile -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null | grep -qx "$PWSH_VERSION"; }; then
  echo "setup: installing PowerShell $PWSH_VERSION (dotnet global tool)"
  dotnet tool uninstall --global PowerShell >/dev/null 2>&1 || true
  dotnet tool install --global PowerShell --version "$PWSH_VERSION" >/dev/null
fi

pester_dir=".tools/pester/$PESTER_VERSION"
if [ ! -f "$pester_dir/tools/Pester.psd1" ]; then
  echo "setup: fetching Pester $PESTER_VERSION (NuGet)"
  work=$(mktemp -d)
  cat > "$work/fetch.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$PESTER_VERSION]" /></ItemGroup>
</Project>
XML
  dotnet restore "$work/fetch.csproj" --packages "$work/packages" >/dev/null
  mkdir -p "$(dirname "$pester_dir")"
  rm -rf "$pester_dir"
  cp -r "$work/packages/pester/$PESTER_VERSION" "$pester_dir"
  rm -rf "$work"
fi
