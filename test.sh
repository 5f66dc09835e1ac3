#!/usr/bin/env bash
# README's test command. Installs what the tests need and this machine lacks (Debian packages: PostgreSQL's server
# binaries, Chromium, a CJK font), builds the whole solution and runs every test. Arguments go to `dotnet test`:
#   ./test.sh --filter "FullyQualifiedName~Persistence"
# .ci/run calls this script as it is.
set -euo pipefail

cd "$(dirname "$0")"
started=$SECONDS
step() { echo "==> $* ($((SECONDS - started)) s elapsed)"; }
fail() {
    echo "test.sh: $*" >&2
    exit 1
}

command -v dotnet >/dev/null || fail "dotnet is not on PATH: install the .NET SDK named in global.json first."

# What the tests look for (tests/Butler.TestSupport/PostgresServer.cs, tests/Butler.E2E.Tests/ButlerServer.cs). They
# never skip: without these they fail, so they are installed here rather than discovered missing half-way through.
has_postgres() {
    [ -n "${BUTLER_TEST_POSTGRES:-}" ] ||
        compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null ||
        { command -v initdb && command -v pg_ctl; } >/dev/null
}
chromium_path() { echo "${BUTLER_CHROMIUM:-/usr/bin/chromium}"; }
has_chromium() { [ -x "$(chromium_path)" ]; }
# Without a CJK font the Chinese pages (and the README's screenshots) show boxes.
has_cjk_font() { command -v fc-list >/dev/null && fc-list :lang=zh 2>/dev/null | grep -q .; }

if [ -n "${BUTLER_CHROMIUM:-}" ] && ! has_chromium; then
    fail "BUTLER_CHROMIUM is set to $BUTLER_CHROMIUM, which is not an executable; point it at Chromium or unset it."
fi

packages=()
has_postgres || packages+=(postgresql)
has_chromium || packages+=(chromium)
has_cjk_font || packages+=(fonts-wqy-microhei)

if [ ${#packages[@]} -gt 0 ]; then
    echo "test.sh: the tests need what this machine lacks; installing the Debian packages: ${packages[*]}"
    for package in "${packages[@]}"; do
        case "$package" in
            postgresql) echo "  postgresql: server binaries for the tests' own throwaway cluster (no default cluster is created)" ;;
            chromium) echo "  chromium: the headless browser of the end-to-end tests" ;;
            fonts-wqy-microhei) echo "  fonts-wqy-microhei: a CJK font, so the Chinese pages show characters" ;;
        esac
    done
    command -v apt-get >/dev/null ||
        fail "cannot install ${packages[*]}: there is no apt-get here. Install PostgreSQL's server binaries (initdb, pg_ctl)," \
            "Chromium and a CJK font yourself, or point BUTLER_TEST_POSTGRES at a PostgreSQL server and BUTLER_CHROMIUM at Chromium (README, Two commands)."
    if [ "$(id -u)" -eq 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null; then
        as_root=(sudo)
        echo "test.sh: installing needs root; asking sudo."
    else
        fail "cannot install ${packages[*]}: this needs root, and there is no sudo. Run as root: apt-get install ${packages[*]}"
    fi

    step "installing ${packages[*]}"
    cluster_conf=/etc/postgresql-common/createcluster.d/butler-tests.conf
    if [[ " ${packages[*]} " == *" postgresql "* ]]; then
        # The tests start their own cluster; tell postgresql-common not to create and start the package's default one.
        "${as_root[@]}" mkdir -p "$(dirname "$cluster_conf")" || fail "could not write $cluster_conf."
        echo "create_main_cluster = false" | "${as_root[@]}" tee "$cluster_conf" >/dev/null || fail "could not write $cluster_conf."
    fi
    installed=0
    if "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update </dev/null &&
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}" </dev/null; then
        installed=1
    fi
    if [[ " ${packages[*]} " == *" postgresql "* ]]; then
        # Only this install is meant: a later PostgreSQL the owner installs gets Debian's default cluster again.
        "${as_root[@]}" rm -f "$cluster_conf" || true
    fi
    [ "$installed" -eq 1 ] || fail "apt-get could not install ${packages[*]} (see its output above)."
    has_postgres || fail "postgresql was installed, but initdb and pg_ctl are still not under /usr/lib/postgresql/*/bin."
    has_chromium || fail "chromium was installed, but $(chromium_path) is still missing."
    has_cjk_font || fail "fonts-wqy-microhei was installed, but fc-list still finds no Chinese font."
    step "installed ${packages[*]}"
fi

# `dotnet test` builds only the test projects and what they reference; the benchmarks must compile too (warnings are
# errors everywhere, Directory.Build.props), so the whole solution is built first and the tests find it up to date.
step "dotnet build Butler.slnx"
dotnet build Butler.slnx
step "built"

step "dotnet test Butler.slnx $*"
test_started=$SECONDS
status=0
dotnet test Butler.slnx "$@" || status=$?
step "tests finished in $((SECONDS - test_started)) s"
exit "$status"
