#!/usr/bin/env bash
# Bootstrap for the typed build (build/Build.cs): find dotnet, compile build/ only when its inputs
# changed, run the compiled build directly. Arguments and exit code pass through.
#   ./build.sh [targets...] [--skip [targets...]] [--plan] [--help] [--verbosity quiet|normal|verbose]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP="$ROOT/.nuke/temp"
PROJECT="$ROOT/build/_build.csproj"
OUTPUT="$TEMP/build"
STAMP="$TEMP/build.stamp"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "build.sh: $*" >&2; exit 1; }

# dotnet: DOTNET_EXE, else PATH, else a previous local install, else the official install script.
find_dotnet() {
    if [[ -n "${DOTNET_EXE:-}" ]]; then
        [[ -x "$DOTNET_EXE" ]] || fail "DOTNET_EXE=$DOTNET_EXE is not an executable file."
    elif DOTNET_EXE="$(command -v dotnet 2>/dev/null)"; then
        :
    elif [[ -x "$TEMP/dotnet/dotnet" ]]; then
        DOTNET_EXE="$TEMP/dotnet/dotnet"
    else
        echo "build.sh: dotnet not found (DOTNET_EXE unset, not on PATH); installing the SDK from global.json into .nuke/temp/dotnet" >&2
        mkdir -p "$TEMP"
        curl -fsSL --retry 2 --max-time 60 https://dot.net/v1/dotnet-install.sh -o "$TEMP/dotnet-install.sh" ||
            fail "could not download https://dot.net/v1/dotnet-install.sh (offline?). Install the .NET SDK named in global.json, or set DOTNET_EXE to its dotnet."
        bash "$TEMP/dotnet-install.sh" --jsonfile "$ROOT/global.json" --install-dir "$TEMP/dotnet" --no-path >&2 ||
            fail "the dotnet install script failed (see above). Install the .NET SDK named in global.json, or set DOTNET_EXE."
        DOTNET_EXE="$TEMP/dotnet/dotnet"
    fi
    if [[ "$DOTNET_EXE" == "$TEMP/dotnet/dotnet" ]]; then export DOTNET_ROOT="$TEMP/dotnet"; fi
    export DOTNET_EXE
}

# The build's inputs: build/ and the projects it references (transitively), plus repository-wide settings.
input_dirs() {
    local queue=("$PROJECT") seen=" " project dir ref
    while ((${#queue[@]})); do
        project="${queue[0]}"; queue=("${queue[@]:1}")
        dir="$(dirname "$project")"
        [[ "$seen" == *" $dir "* ]] && continue
        seen+="$dir "
        echo "$dir"
        while IFS= read -r ref; do
            [[ -n "$ref" ]] && queue+=("$(realpath -m "$dir/${ref//\\//}")")
        done < <(sed -n 's/.*<ProjectReference[^>]*Include="\([^"]*\)".*/\1/p' "$project")
    done
}

# Cheap check first: paths, sizes and mtimes of the inputs. Only when those moved is content hashed.
input_metadata() {
    echo "$DOTNET_EXE"
    find "$@" "${ROOT_INPUTS[@]}" \( -name bin -o -name obj \) -prune -o -type f -printf '%p %s %T@\n' 2>/dev/null || true
}

input_hash() {
    {
        echo "$DOTNET_EXE"
        { find "$@" "${ROOT_INPUTS[@]}" \( -name bin -o -name obj \) -prune -o -type f -print0 2>/dev/null || true; } |
            LC_ALL=C sort -z | xargs -0 sha256sum
    } | sha256sum | cut -d' ' -f1
}

compile_if_changed() {
    local dirs metadata stamp
    ROOT_INPUTS=("$ROOT/global.json" "$ROOT/nuget.config" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props")
    if [[ -f "$OUTPUT/_build.dll" && -f "$STAMP.dirs" && -f "$STAMP.metadata" ]]; then
        mapfile -t dirs <"$STAMP.dirs"
        [[ "$(input_metadata "${dirs[@]}")" == "$(<"$STAMP.metadata")" ]] && return
    fi

    mkdir -p "$TEMP"
    # Two builds started at once must not compile into the same folder concurrently.
    if command -v flock >/dev/null; then exec 9>"$TEMP/build.lock"; flock 9; fi
    mapfile -t dirs < <(input_dirs)
    metadata="$(input_metadata "${dirs[@]}")"
    stamp="$(input_hash "${dirs[@]}")"
    if [[ ! -f "$OUTPUT/_build.dll" || ! -f "$STAMP" || "$(<"$STAMP")" != "$stamp" ]]; then
        echo "build.sh: compiling build/ (inputs changed)" >&2
        compile
        echo "$stamp" >"$STAMP"
    fi
    printf '%s\n' "${dirs[@]}" >"$STAMP.dirs"
    printf '%s\n' "$metadata" >"$STAMP.metadata"
    if command -v flock >/dev/null; then exec 9>&-; fi
}

# ReadyToRun on linux-x64 (precompiled: no JIT at startup, see bench/build-help.sh); a plain build elsewhere.
compile() {
    local log="$TEMP/build.log" args=(--configuration Release --output "$OUTPUT" --nologo -v quiet -clp:ErrorsOnly)
    rm -rf "$OUTPUT"
    if [[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]]; then
        "$DOTNET_EXE" restore "$PROJECT" --nologo -v quiet >"$log" 2>&1 &&
            "$DOTNET_EXE" publish "$PROJECT" --no-restore --runtime linux-x64 "${args[@]}" >>"$log" 2>&1
    else
        "$DOTNET_EXE" build "$PROJECT" "${args[@]}" >"$log" 2>&1
    fi || {
        cat "$log" >&2
        fail "compiling build/_build.csproj failed (log: .nuke/temp/build.log)."
    }
}

find_dotnet
compile_if_changed
exec "$DOTNET_EXE" "$OUTPUT/_build.dll" "$@"
