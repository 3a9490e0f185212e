#!/usr/bin/env bash
# Releases TokenSense from a clean checkout: one command, run by a maintainer on their own machine (never by CI).
#
#   scripts/release.sh VERSION NEXT_VERSION REPOSITORY [maven options...]
#   scripts/release.sh 0.1.0 0.2.0-SNAPSHOT central::https://ossrh-staging-api.central.sonatype.com/service/local/staging/deploy/maven2/
#
# REPOSITORY is id::url. The id names a <server> of your ~/.m2/settings.xml that holds the credentials; the
# url is any Maven 2 repository. Further options go to Maven, e.g. -Dgpg.keyname=... or -Dgpg.skip.
#
# What it does, stopping at the first failure:
#   1. checks: clean work tree, versions well-formed, no tag vVERSION yet, something under "## [Unreleased]"
#      and no "TODO before release" left in CHANGELOG.md
#   2. sets VERSION in every pom, turns "## [Unreleased]" of CHANGELOG.md into "## [VERSION] - today",
#      points the README's quick start at VERSION, commits "Release VERSION"
#   3. ./mvnw -Prelease clean deploy: the whole build and its tests, gpg signatures, and then (deployAtEnd)
#      the parent, auto-configuration and starter with their sources and javadoc jars; sample-app and
#      benchmarks are never deployed
#   4. tags vVERSION, sets NEXT_VERSION in every pom, commits "Next development version NEXT_VERSION"
# Nothing is pushed: the script prints the push command.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "release: $*" >&2; exit 1; }

[ $# -ge 3 ] || die "usage: scripts/release.sh VERSION NEXT_VERSION REPOSITORY_ID::URL [maven options...]"
version=$1 next=$2 repository=$3
shift 3

[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "VERSION must look like 1.2.3, not '$version'"
[[ $next =~ ^[0-9]+\.[0-9]+\.[0-9]+-SNAPSHOT$ ]] || die "NEXT_VERSION must look like 1.3.0-SNAPSHOT, not '$next'"
[[ $repository == ?*::?* ]] || die "REPOSITORY must be id::url, not '$repository'"
[ -z "$(git status --porcelain)" ] || die "the work tree has uncommitted changes"
! git rev-parse -q --verify "refs/tags/v$version" >/dev/null || die "tag v$version exists already"
# the notes of the release are what was gathered under Unreleased; an empty section makes an empty release
awk '/^## \[Unreleased\]/ { on = 1; next } /^## \[/ { on = 0 } on && /^- / { found = 1 } END { exit !found }' CHANGELOG.md \
  || die "CHANGELOG.md has no entries under '## [Unreleased]'"
! grep -q 'TODO before release' CHANGELOG.md || die "CHANGELOG.md still has a 'TODO before release' note"

mvn() { ./mvnw -B "$@"; }
set_version() { mvn -q versions:set -DnewVersion="$1" -DgenerateBackupPoms=false -DprocessAllModules=true; }

set_version "$version"
today=$(date -u +%Y-%m-%d)
url=$(sed -n 's#^\[Unreleased\]: \(https://[^/]*/[^/]*/[^/]*\)/.*#\1#p' CHANGELOG.md)
perl -0pi -e "s/^## \[Unreleased\]\n/## [Unreleased]\n\n## [$version] - $today\n/m" CHANGELOG.md
if [ -n "$url" ]; then
  previous=$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null || true)
  if [ -n "$previous" ]; then link="$url/compare/$previous...v$version"; else link="$url/releases/tag/v$version"; fi
  perl -pi -e "s#^\[Unreleased\]: .*#[Unreleased]: $url/compare/v$version...HEAD\n[$version]: $link#" CHANGELOG.md
fi
perl -0pi -e "s#(<artifactId>tokensense-spring-boot-starter</artifactId>\s*<version>)[^<]*(</version>)#\${1}$version\${2}#" README.md
git commit -q -am "Release $version"

if ! mvn -Prelease clean deploy -DaltDeploymentRepository="$repository" "$@"; then
  echo "release: the build failed, so nothing was deployed (deployAtEnd). Undo the release commit with:" >&2
  echo "  git reset --hard HEAD~1" >&2
  exit 1
fi
git tag -a "v$version" -m "TokenSense $version"

set_version "$next"
git commit -q -am "Next development version $next"

echo
echo "Released $version to ${repository%%::*}. Publish the tag and the two commits with:"
echo "  git push origin HEAD v$version"
