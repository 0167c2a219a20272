# shellcheck shell=bash
# Finds a JDK >= 25 for heaplab; sourced by ./mvnw and ./heaplab (no manual set-up on a fresh machine).
#
# Search order: HEAPLAB_JAVA_HOME, JAVA_HOME, the newest JDK under /usr/lib/jvm, /opt/java, /opt/jdk*,
# ~/.sdkman/candidates/java, ~/.jdks, then `java` on PATH. HEAPLAB_REQUIRED_JDK overrides the minimum (tests).

heaplab_required_jdk="${HEAPLAB_REQUIRED_JDK:-25}"

# Prints the feature version (e.g. 25) of the JDK at $1, or nothing.
heaplab_jdk_feature() {
  local home="$1" v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" | head -n1)"
  fi
  if [ -z "$v" ]; then
    v="$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1)"
  fi
  printf '%s' "$v"
}

# Prints the home of a JDK >= the required version; returns 1 if there is none.
heaplab_find_jdk() {
  local c f best="" best_f=0
  set +f  # ./mvnw runs with globbing off; the search below needs it
  for c in "${HEAPLAB_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    [ -n "$c" ] || continue
    f="$(heaplab_jdk_feature "$c")"
    if [ -n "$f" ] && [ "$f" -ge "$heaplab_required_jdk" ]; then printf '%s' "$c"; return 0; fi
  done
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$c" ] || continue
    f="$(heaplab_jdk_feature "$c")"
    if [ -n "$f" ] && [ "$f" -ge "$heaplab_required_jdk" ] && [ "$f" -gt "$best_f" ]; then best="$c"; best_f="$f"; fi
  done
  if [ -n "$best" ]; then printf '%s' "$best"; return 0; fi
  if command -v java >/dev/null 2>&1; then
    c="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    f="$(heaplab_jdk_feature "$c")"
    if [ -n "$f" ] && [ "$f" -ge "$heaplab_required_jdk" ]; then printf '%s' "$c"; return 0; fi
  fi
  return 1
}

# Exports JAVA_HOME as a JDK >= the required version, or explains what to install and returns 1.
heaplab_use_jdk() {
  local jdk
  if ! jdk="$(heaplab_find_jdk)"; then
    cat >&2 <<MSG
heaplab needs a JDK ${heaplab_required_jdk} or newer and found none (looked at HEAPLAB_JAVA_HOME, JAVA_HOME,
/usr/lib/jvm, /opt/java, /opt/jdk*, ~/.sdkman, ~/.jdks and the java on PATH).
Install one, for example:
  Debian/Ubuntu with the Adoptium repository:  sudo apt-get install temurin-25-jdk
  any OS:  download a JDK 25 from https://adoptium.net and set HEAPLAB_JAVA_HOME to its folder
MSG
    return 1
  fi
  export JAVA_HOME="$jdk"
}
