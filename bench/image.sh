#!/usr/bin/env bash
# Image benchmark: prints the final image size, a cold build (base images present, --no-cache), a no-op
# build, and one .cs edit -> new image, against issue 13's goals for the Native AOT image (20 MB, cold 120 s,
# no-op 1 s; the edit has no image-only goal: edit -> smoke-tested image <= 90 s, so 60 s is budgeted for the image).
# It builds a snapshot copy of the repository (what git tracks plus untracked, non-ignored files), so the
# edit never touches the checkout. The driver calls the same src/Images API the Image target calls.
#   bench/image.sh            (needs the engine and the base images; bootstraps them if missing)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEMP="$ROOT/.nuke/temp/bench-image"
WORK="$(mktemp -d /tmp/creditrobot-bench-image.XXXXXX)"
REPO="creditrobot-bench"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$TEMP"

# The driver: a tiny console app on src/Images, built once (dotnet run would add seconds to every timing).
cat > "$TEMP/driver.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <RestorePackagesWithLockFile>false</RestorePackagesWithLockFile>
    <RestoreLockedMode>false</RestoreLockedMode>
  </PropertyGroup>
  <ItemGroup><ProjectReference Include="$ROOT/src/Images/Images.csproj" /></ItemGroup>
</Project>
XML
cat > "$TEMP/Driver.cs" <<'CS'
using System.Diagnostics;
using DockerEngine;
using Images;
using Spectre.Console;

using var docker = new DockerClient();
var console = AnsiConsole.Console;
switch (args[0])
{
    case "bases":
        var set = await BaseImages.EnsureAsync(docker, new BaseImageOptions { RepositoryRoot = args[1], PostgresImage = null }, console);
        Console.WriteLine($"RESULT sdk={set.Sdk.Name} runtime={set.Runtime.Name}");
        break;
    case "build":
        var clock = Stopwatch.StartNew();
        var built = await AppImage.BuildAsync(docker, new AppImageOptions
        {
            ContextDirectory = args[1], Repository = args[2], Version = "bench", SdkImage = args[3], RuntimeImage = args[4],
            Created = DateTimeOffset.UnixEpoch, NoCache = args.Contains("--no-cache"),
        }, console);
        var seconds = clock.Elapsed.TotalSeconds;
        var audit = await ImageAudit.RunAsync(docker, built.ImageId);
        console.MarkupLine(Markup.Escape(audit.Summary));
        Console.WriteLine($"RESULT seconds={seconds:0.00} size={built.SizeBytes} id={built.ShortId} layers={built.Layers} cached={built.CachedSteps}/{built.Steps} audit={(audit.Passed ? "passed" : "FAILED")}");
        break;
    case "clean":
        foreach (var tag in new[] { $"{args[1]}:bench", $"{args[1]}:latest" })
            try { await docker.Images.RemoveAsync(tag); } catch (DockerEngineException) { }
        break;
}
CS
echo "building the benchmark driver..." >&2
dotnet build "$TEMP/driver.csproj" -o "$TEMP/out" -v q -nologo >"$TEMP/driver-build.log" 2>&1 || { cat "$TEMP/driver-build.log"; exit 1; }
driver() { dotnet "$TEMP/out/driver.dll" "$@"; }
now() { date +%s.%N; }
field() { sed -n "s/^RESULT.* $1=\([^ ]*\).*/\1/p; s/^RESULT $1=\([^ ]*\).*/\1/p" | head -1; }

cd "$ROOT"
git ls-files -z -co --exclude-standard | while IFS= read -r -d '' f; do
    [[ -e "$f" ]] && mkdir -p "$WORK/$(dirname "$f")" && cp -p "$f" "$WORK/$f"
done

bases="$(driver bases "$ROOT" | tee /dev/stderr)"
SDK="$(field sdk <<<"$bases")"; RUNTIME="$(field runtime <<<"$bases")"

run() { # label, extra args -> prints "wall internal size id" and the build log on stderr
    local t0 t1 out
    t0="$(now)"; out="$(driver build "$WORK" "$REPO" "$SDK" "$RUNTIME" "$@" | tee /dev/stderr)"; t1="$(now)"
    echo "$(echo "$t1 - $t0" | bc) $(field seconds <<<"$out") $(field size <<<"$out") $(field id <<<"$out") $(field audit <<<"$out")"
}

read -r cold_wall cold cold_size cold_id cold_audit < <(run --no-cache)
read -r noop_wall noop _ noop_id _ < <(run)
# A comment would not do: the build is deterministic, so only a change that reaches the IL makes a new image.
echo "[assembly: System.Reflection.AssemblyMetadata(\"bench-edit\", \"$(date +%s%N)\")]" > "$WORK/src/CreditRobot/BenchEdit.cs"
read -r edit_wall edit edit_size edit_id edit_audit < <(run)
driver clean "$REPO"

verdict() { awk -v v="$1" -v b="$2" 'BEGIN { print (v <= b) ? "ok" : "OVER BUDGET" }'; }
mb="$(awk -v s="$edit_size" 'BEGIN { printf "%.1f", s / 1000000 }')"
echo
echo "Image benchmark (base images: $SDK, $RUNTIME; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
printf '  %-34s %8s MB   budget 20 MB  %s\n' "final image size (uncompressed)" "$mb" "$(verdict "$mb" 20)"
printf '  %-34s %8.1f s    budget 120 s  %s   (wall %.1f s, audit %s)\n' "cold build (--no-cache)" "$cold" "$(verdict "$cold" 120)" "$cold_wall" "$cold_audit"
printf '  %-34s %8.1f s    budget 1 s    %s   (wall %.1f s, same id: %s)\n' "no-op build" "$noop" "$(verdict "$noop_wall" 1)" "$noop_wall" "$([[ $noop_id == "$cold_id" ]] && echo yes || echo no)"
printf '  %-34s %8.1f s    budget 60 s   %s   (wall %.1f s, new id: %s)\n' "one .cs edit -> new image" "$edit" "$(verdict "$edit_wall" 60)" "$edit_wall" "$([[ $edit_id != "$cold_id" ]] && echo yes || echo no)"

# The same no-op through the pipeline itself, once build/Build.cs has an Image target.
if "$ROOT/build.sh" --help 2>/dev/null | grep -qw Image; then
    "$ROOT/build.sh" Image >/dev/null 2>&1 || { echo "  ./build.sh Image failed; run it to see why"; exit 1; }
    t0="$(now)"; "$ROOT/build.sh" Image >/dev/null 2>&1; t1="$(now)"
    wall="$(echo "$t1 - $t0" | bc)"
    printf '  %-34s %8.1f s    budget 1 s    %s\n' "no-op ./build.sh Image" "$wall" "$(verdict "$wall" 1)"
fi
