#!/usr/bin/env pwsh
# Bootstrap for the typed build (build/Build.cs), the PowerShell twin of build.sh: find dotnet, compile build/
# only when its inputs changed (content stamp), run the compiled build directly. Arguments and exit code pass through.
#   ./build.ps1 [targets...] [--skip [targets...]] [--plan] [--help] [--verbosity quiet|normal|verbose]
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

# dotnet: DOTNET_EXE, else PATH, else a previous local install, else the official install script.
function Find-Dotnet {
    if ($env:DOTNET_EXE) {
        if (-not (Test-Path $env:DOTNET_EXE -PathType Leaf)) { Fail "DOTNET_EXE=$($env:DOTNET_EXE) is not a file." }
        return $env:DOTNET_EXE
    }
    $onPath = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($onPath) { return $onPath.Source }
    $local = Join-Path $Temp ($IsWindows -or $env:OS -eq 'Windows_NT' ? 'dotnet/dotnet.exe' : 'dotnet/dotnet')
    if (-not (Test-Path $local)) {
        [Console]::Error.WriteLine('build.ps1: dotnet not found (DOTNET_EXE unset, not on PATH); installing the SDK from global.json into .nuke/temp/dotnet')
        New-Item -ItemType Directory -Force -Path $Temp | Out-Null
        $script = Join-Path $Temp 'dotnet-install.ps1'
        try {
            Invoke-WebRequest -UseBasicParsing -TimeoutSec 60 -Uri 'https://dot.net/v1/dotnet-install.ps1' -OutFile $script
        } catch {
            Fail 'could not download https://dot.net/v1/dotnet-install.ps1 (offline?). Install the .NET SDK named in global.json, or set DOTNET_EXE to its dotnet.'
        }
        & $script -JSonFile (Join-Path $Root 'global.json') -InstallDir (Join-Path $Temp 'dotnet') -NoPath
        if (-not (Test-Path $local)) { Fail 'the dotnet install script failed (see above). Install the .NET SDK named in global.json, or set DOTNET_EXE.' }
    }
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

$Dotnet = Find-Dotnet
$env:DOTNET_EXE = $Dotnet
$current = Get-InputStamp $Dotnet
$dll = Join-Path $Output '_build.dll'
if (-not (Test-Path $dll) -or -not (Test-Path $Stamp) -or (Get-Content -Raw $Stamp).Trim() -ne $current) {
    [Console]::Error.WriteLine('build.ps1: compiling build/ (inputs changed)')
    New-Item -ItemType Directory -Force -Path $Temp | Out-Null
    if (Test-Path $Output) { Remove-Item -Recurse -Force $Output }
    $log = Join-Path $Temp 'build.log'
    & $Dotnet build $Project --configuration Release --output $Output --nologo -v quiet -clp:ErrorsOnly *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log | ForEach-Object { [Console]::Error.WriteLine($_) }
        Fail 'compiling build/_build.csproj failed (log: .nuke/temp/build.log).'
    }
    Set-Content -Path $Stamp -Value $current -NoNewline
}

& $Dotnet $dll @args
exit $LASTEXITCODE
