#!/usr/bin/env pwsh
# Bootstrap for the typed build (build/Build.cs), the PowerShell twin of build.sh: find dotnet, compile build/
# only when its inputs changed (content stamp), run the compiled build directly. Arguments and exit code pass through.
#   ./build.ps1 [targets...] [--skip [targets...]] [--continue] [--plan] [--help] [--verbosity quiet|minimal|normal|verbose]
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Temp = Join-Path $Root '.nuke/temp'
$Project = Join-Path $Root 'build/_build.csproj'
$Output = Join-Path $Temp 'build'
$Stamp = Join-Path $Temp 'build.stamp'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Fail([string] $Message) {
    [Console]::Error.WriteLine("build.ps1: $Message")
    exit 1
}

# Whether SDK version $Have satisfies global.json's $Want under rollForward $Policy, as the dotnet host decides:
# patch = same feature band (10.0.4xx), feature = same major.minor, minor = same major, major = any; each only
# upward. The same table as build.sh's sdk_matches (a test runs both). $null: an unknown policy.
function Test-SdkMatch([string] $Want, [string] $Policy, [bool] $Prerelease, [string] $Have) {
    if ($Have.Contains('-') -and -not $Prerelease) { return $false }
    $w = @($Want.Split('-')[0].Split('.') | ForEach-Object { [int] $_ })
    $h = @($Have.Split('-')[0].Split('.') | ForEach-Object { [int] $_ })
    $wn = $w[0] * 1000000 + $w[1] * 1000 + $w[2]
    $hn = $h[0] * 1000000 + $h[1] * 1000 + $h[2]
    switch -CaseSensitive ($Policy) {
        'disable' { return $Have -eq $Want }
        { $_ -in 'patch', 'latestPatch' } { return $h[0] -eq $w[0] -and $h[1] -eq $w[1] -and [math]::Floor($h[2] / 100) -eq [math]::Floor($w[2] / 100) -and $hn -ge $wn }
        { $_ -in 'feature', 'latestFeature' } { return $h[0] -eq $w[0] -and $h[1] -eq $w[1] -and $hn -ge $wn }
        { $_ -in 'minor', 'latestMinor' } { return $h[0] -eq $w[0] -and $hn -ge $wn }
        { $_ -in 'major', 'latestMajor' } { return $hn -ge $wn }
    }
    return $null
}

function Get-SdkVersions([string] $Dotnet) {
    @(& $Dotnet --list-sdks 2>$null | ForEach-Object { ($_ -split ' ')[0] })
}

function Read-GlobalJson {
    $sdk = @{ Version = ''; RollForward = 'latestPatch'; Prerelease = $false }
    $path = Join-Path $Root 'global.json'
    if (-not (Test-Path $path)) { return $sdk }
    $json = (Get-Content -Raw $path | ConvertFrom-Json).sdk
    if ($json.PSObject.Properties['version']) { $sdk.Version = $json.version }
    if ($json.PSObject.Properties['rollForward']) { $sdk.RollForward = $json.rollForward }
    if ($json.PSObject.Properties['allowPrerelease']) { $sdk.Prerelease = [bool] $json.allowPrerelease }
    if ($sdk.Version -and $null -eq (Test-SdkMatch $sdk.Version $sdk.RollForward $true $sdk.Version)) {
        Fail "global.json: rollForward '$($sdk.RollForward)' is not one of patch, feature, minor, major, latestPatch, latestFeature, latestMinor, latestMajor, disable."
    }
    return $sdk
}

function Test-DotnetFits([string] $Dotnet, $Sdk) {
    if (-not $Sdk.Version) { return $true }
    foreach ($version in Get-SdkVersions $Dotnet) {
        if (Test-SdkMatch $Sdk.Version $Sdk.RollForward $Sdk.Prerelease $version) { return $true }
    }
    return $false
}

# dotnet: DOTNET_EXE, else PATH, else .nuke/temp/dotnet, each only when it has an SDK global.json accepts
# (rollForward honoured); else the SDK is installed into .nuke/temp/dotnet with dotnet-install.ps1, as NUKE does.
function Find-Dotnet {
    $sdk = Read-GlobalJson
    $wanted = "SDK $($sdk.Version) (global.json, rollForward $($sdk.RollForward))"
    if ($env:DOTNET_EXE) {
        if (-not (Test-Path $env:DOTNET_EXE -PathType Leaf)) { Fail "DOTNET_EXE=$($env:DOTNET_EXE) is not a file." }
        if (-not (Test-DotnetFits $env:DOTNET_EXE $sdk)) {
            Fail "DOTNET_EXE=$($env:DOTNET_EXE) has SDK $((Get-SdkVersions $env:DOTNET_EXE) -join ','), not the $wanted. Point DOTNET_EXE at a matching dotnet, or unset it to have build.ps1 install one."
        }
        return $env:DOTNET_EXE
    }
    $local = Join-Path $Temp ($IsWindows -or $env:OS -eq 'Windows_NT' ? 'dotnet/dotnet.exe' : 'dotnet/dotnet')
    $onPath = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    $found = @()
    foreach ($candidate in @($onPath ? $onPath.Source : $null; $local)) {
        if (-not $candidate -or -not (Test-Path $candidate -PathType Leaf)) { continue }
        if (Test-DotnetFits $candidate $sdk) {
            if ($candidate -eq $local) { $env:DOTNET_ROOT = Join-Path $Temp 'dotnet' }
            return $candidate
        }
        $found += "$candidate has SDK $((Get-SdkVersions $candidate) -join ',')"
    }

    $what = $found ? ($found -join '; ') : 'no dotnet found (DOTNET_EXE unset, none on PATH)'
    [Console]::Error.WriteLine("build.ps1: $what; the build needs the $wanted. Installing it into .nuke/temp/dotnet")
    $base = $env:DOTNET_INSTALL_URL_BASE ? $env:DOTNET_INSTALL_URL_BASE : 'https://dot.net/v1'
    $url = "$base/dotnet-install.ps1"
    New-Item -ItemType Directory -Force -Path $Temp | Out-Null
    $script = Join-Path $Temp 'dotnet-install.ps1'
    try {
        Invoke-WebRequest -UseBasicParsing -TimeoutSec 60 -Uri $url -OutFile $script
    } catch {
        Fail "could not download $url (offline?). Install the $wanted yourself and put its dotnet on PATH, or set DOTNET_EXE to it."
    }
    & $script -JSonFile (Join-Path $Root 'global.json') -InstallDir (Join-Path $Temp 'dotnet') -NoPath
    if (-not (Test-Path $local) -or -not (Test-DotnetFits $local $sdk)) { Fail "dotnet-install.ps1 failed (see above): .nuke/temp/dotnet has no $wanted. Install it yourself, or set DOTNET_EXE." }
    $env:DOTNET_ROOT = Join-Path $Temp 'dotnet'
    return $local
}

# The build's inputs: build/ and the projects it references (transitively), plus repository-wide settings.
function Get-InputDirectories {
    $queue = [System.Collections.Generic.Queue[string]]::new()
    $queue.Enqueue($Project)
    $seen = [System.Collections.Generic.List[string]]::new()
    while ($queue.Count -gt 0) {
        $current = $queue.Dequeue()
        $dir = Split-Path $current -Parent
        if ($seen.Contains($dir)) { continue }
        $seen.Add($dir)
        foreach ($match in [regex]::Matches((Get-Content -Raw $current), '<ProjectReference[^>]*Include="([^"]*)"')) {
            $queue.Enqueue([System.IO.Path]::GetFullPath((Join-Path $dir ($match.Groups[1].Value -replace '\\', '/'))))
        }
    }
    return $seen
}

function Get-InputStamp([string] $Dotnet) {
    $files = foreach ($dir in Get-InputDirectories) {
        Get-ChildItem -Path $dir -Recurse -File | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    }
    $files += 'global.json', 'nuget.config', 'Directory.Build.props', 'Directory.Packages.props' |
        ForEach-Object { Get-Item (Join-Path $Root $_) -ErrorAction SilentlyContinue }
    $lines = @($Dotnet) + ($files | Sort-Object FullName | ForEach-Object { "$((Get-FileHash -Algorithm SHA256 $_.FullName).Hash) $($_.FullName)" })
    $bytes = [System.Text.Encoding]::UTF8.GetBytes(($lines -join "`n"))
    return [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($bytes))
}

# Dot-sourced (by the bootstrapper tests): define the functions only.
if ($MyInvocation.InvocationName -eq '.') { return }
$Dotnet = Find-Dotnet
$env:DOTNET_EXE = $Dotnet
$current = Get-InputStamp $Dotnet
$dll = Join-Path $Output '_build.dll'
if (-not (Test-Path $dll) -or -not (Test-Path $Stamp) -or (Get-Content -Raw $Stamp).Trim() -ne $current) {
    [Console]::Error.WriteLine('build.ps1: compiling build/ (inputs changed)')
    New-Item -ItemType Directory -Force -Path $Temp | Out-Null
    if (Test-Path $Output) { Remove-Item -Recurse -Force $Output }
    $log = Join-Path $Temp 'build.log'
    # No build servers: they would outlive the compile with this environment's secrets (see build.sh).
    & $Dotnet build $Project --configuration Release --output $Output --nologo -v quiet -clp:ErrorsOnly --disable-build-servers *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log | ForEach-Object { [Console]::Error.WriteLine($_) }
        Fail 'compiling build/_build.csproj failed (log: .nuke/temp/build.log).'
    }
    Set-Content -Path $Stamp -Value $current -NoNewline
}

& $Dotnet $dll @args
exit $LASTEXITCODE
