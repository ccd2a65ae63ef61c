#!/usr/bin/env bash
# Bootstrap for the typed build (build/Build.cs): find dotnet, compile build/ only when its inputs
# changed, run the compiled build directly. Arguments and exit code pass through.
#   ./build.sh [targets...] [--skip [targets...]] [--continue] [--plan] [--help] [--verbosity quiet|minimal|normal|verbose]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP="$ROOT/.nuke/temp"
PROJECT="$ROOT/build/_build.csproj"
OUTPUT="$TEMP/build"
STAMP="$TEMP/build.stamp"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "build.sh: $*" >&2; exit 1; }

# global.json's sdk.version / rollForward / allowPrerelease, read with sed (no jq on a fresh machine).
json_value() { sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\{0,1\}\([^\",}[:space:]]*\).*/\1/p" "$2" | head -n1; }

# Whether SDK version $4 satisfies global.json's version $1 under rollForward $2 (allowPrerelease $3), as the
# dotnet host decides: patch = same feature band (10.0.4xx), feature = same major.minor, minor = same major,
# major = any; each only upward. build.ps1's Test-SdkMatch is the same table (a test runs both).
sdk_matches() {
    local want="$1" policy="$2" prerelease="$3" have="$4" wm wn wp hm hn hp
    [[ "$have" == *-* && "$prerelease" != "true" ]] && return 1
    IFS=. read -r wm wn wp <<<"${want%%-*}"
    IFS=. read -r hm hn hp <<<"${have%%-*}"
    local w=$((wm * 1000000 + wn * 1000 + wp)) h=$((hm * 1000000 + hn * 1000 + hp))
    case "$policy" in
        disable) [[ "$have" == "$want" ]] ;;
        patch | latestPatch) ((hm == wm && hn == wn && hp / 100 == wp / 100 && h >= w)) ;;
        feature | latestFeature) ((hm == wm && hn == wn && h >= w)) ;;
        minor | latestMinor) ((hm == wm && h >= w)) ;;
        major | latestMajor) ((h >= w)) ;;
        *) return 2 ;;
    esac
}

# The SDKs a dotnet has, one version a line.
sdk_versions() { "$1" --list-sdks 2>/dev/null | cut -d' ' -f1; }

# Succeeds when dotnet $1 has an SDK global.json accepts.
dotnet_fits() {
    local version
    [[ -z "$SDK_VERSION" ]] && return 0
    for version in $(sdk_versions "$1"); do
        sdk_matches "$SDK_VERSION" "$SDK_ROLL_FORWARD" "$SDK_PRERELEASE" "$version" && return 0
    done
    return 1
}

read_global_json() {
    SDK_VERSION="" SDK_ROLL_FORWARD="latestPatch" SDK_PRERELEASE="false"
    [[ -f "$ROOT/global.json" ]] || return 0
    SDK_VERSION="$(json_value version "$ROOT/global.json")"
    SDK_ROLL_FORWARD="$(json_value rollForward "$ROOT/global.json")"
    SDK_ROLL_FORWARD="${SDK_ROLL_FORWARD:-latestPatch}"
    SDK_PRERELEASE="$(json_value allowPrerelease "$ROOT/global.json")"
    sdk_matches "$SDK_VERSION" "$SDK_ROLL_FORWARD" true "$SDK_VERSION" ||
        [[ $? -ne 2 ]] || fail "global.json: rollForward '$SDK_ROLL_FORWARD' is not one of patch, feature, minor, major, latestPatch, latestFeature, latestMinor, latestMajor, disable."
}

# dotnet: DOTNET_EXE, else PATH, else .nuke/temp/dotnet, each only when it has an SDK global.json accepts
# (rollForward honoured); else the SDK is installed into .nuke/temp/dotnet with dotnet-install.sh, as NUKE does.
find_dotnet() {
    read_global_json
    local wanted="SDK $SDK_VERSION (global.json, rollForward $SDK_ROLL_FORWARD)" found="" candidate
    if [[ -n "${DOTNET_EXE:-}" ]]; then
        [[ -x "$DOTNET_EXE" ]] || fail "DOTNET_EXE=$DOTNET_EXE is not an executable file."
        dotnet_fits "$DOTNET_EXE" ||
            fail "DOTNET_EXE=$DOTNET_EXE has SDK $(sdk_versions "$DOTNET_EXE" | paste -sd, -), not the $wanted. Point DOTNET_EXE at a matching dotnet, or unset it to have build.sh install one."
        export DOTNET_EXE
        return
    fi
    for candidate in "$(command -v dotnet 2>/dev/null || true)" "$TEMP/dotnet/dotnet"; do
        [[ -n "$candidate" && -x "$candidate" ]] || continue
        if dotnet_fits "$candidate"; then
            DOTNET_EXE="$candidate"
            [[ "$DOTNET_EXE" == "$TEMP/dotnet/dotnet" ]] && export DOTNET_ROOT="$TEMP/dotnet"
            export DOTNET_EXE
            return
        fi
        found+="${found:+; }$candidate has SDK $(sdk_versions "$candidate" | paste -sd, -)"
    done

    echo "build.sh: ${found:-no dotnet found (DOTNET_EXE unset, none on PATH)}; the build needs the $wanted. Installing it into .nuke/temp/dotnet" >&2
    local url="${DOTNET_INSTALL_URL_BASE:-https://dot.net/v1}/dotnet-install.sh"
    mkdir -p "$TEMP"
    curl -fsSL --retry 2 --connect-timeout 15 --max-time 60 "$url" -o "$TEMP/dotnet-install.sh" ||
        fail "could not download $url (offline?). Install the $wanted yourself and put its dotnet on PATH, or set DOTNET_EXE to it."
    bash "$TEMP/dotnet-install.sh" --jsonfile "$ROOT/global.json" --install-dir "$TEMP/dotnet" --no-path >&2 ||
        fail "dotnet-install.sh failed (see above). Install the $wanted yourself, or set DOTNET_EXE."
    dotnet_fits "$TEMP/dotnet/dotnet" || fail "dotnet-install.sh finished but .nuke/temp/dotnet has no $wanted."
    export DOTNET_EXE="$TEMP/dotnet/dotnet" DOTNET_ROOT="$TEMP/dotnet"
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
# No build servers: a compiler or MSBuild node started here would outlive the compile with this shell's
# environment (REGISTRY_PASSWORD…), and the build's own dotnet calls, which run without the secrets, would reuse it.
compile() {
    local log="$TEMP/build.log" args=(--configuration Release --output "$OUTPUT" --nologo -v quiet -clp:ErrorsOnly --disable-build-servers)
    rm -rf "$OUTPUT"
    if [[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]]; then
        "$DOTNET_EXE" restore "$PROJECT" --nologo -v quiet --disable-build-servers >"$log" 2>&1 &&
            "$DOTNET_EXE" publish "$PROJECT" --no-restore --runtime linux-x64 "${args[@]}" >>"$log" 2>&1
    else
        "$DOTNET_EXE" build "$PROJECT" "${args[@]}" >"$log" 2>&1
    fi || {
        cat "$log" >&2
        fail "compiling build/_build.csproj failed (log: .nuke/temp/build.log)."
    }
}

# Sourced (by the bootstrapper tests): define the functions only.
[[ "${BASH_SOURCE[0]}" == "$0" ]] || return 0
find_dotnet
compile_if_changed
exec "$DOTNET_EXE" "$OUTPUT/_build.dll" "$@"
