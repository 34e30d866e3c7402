#!/usr/bin/env bash
# Ensures a PostgreSQL server for Gongkai's tests is running and prints its URL:
#
#   postgres://gongkai:gongkai@127.0.0.1:PORT/gongkai_test
#
# The role `gongkai` (password `gongkai`) has LOGIN and CREATEDB and owns the database `gongkai_test`, so tests can
# create one schema per test file (and extra databases if they need to).
#
# Usage:
#   scripts/pg-test-server.sh                     # ensure a server, print the URL on stdout
#   eval "$(scripts/pg-test-server.sh --export)"  # ... and set TEST_DATABASE_URL in this shell
#   scripts/pg-test-server.sh --stop              # stop the private cluster (if this script started one)
#   scripts/pg-test-server.sh --help
#
# Progress goes to stderr; only the URL (or the export line) goes to stdout. Safe to run again and again.
#
# How the server is found, in order (the first that works wins):
#   1. a server already running on 127.0.0.1:$PGTEST_PORT (default 5432), or the private cluster below, that
#      already accepts the test role with the rights above;
#   2. Debian's packaged cluster (postgresql-common: pg_lsclusters / pg_ctlcluster, else `service postgresql start`);
#      the role and database are created through the local socket as the `postgres` OS user (needs root, the
#      postgres user itself, or password-less sudo);
#   3. a private cluster, initdb-ed into $PGTEST_DIR (default ${TMPDIR:-/tmp}/gongkai-pg-test) with whichever
#      initdb/pg_ctl exist (PATH, pg_config --bindir, /usr/lib/postgresql/*/bin), on the first free port from
#      $PGTEST_PORT_PRIVATE (default 54329). As root it runs as the `postgres` OS user (initdb refuses root); as
#      anyone else it runs as that user. It is tuned for tests (fsync off) and holds nothing worth keeping.
#      PGTEST_PRIVATE=1 skips steps 1 (for $PGTEST_PORT) and 2 and goes straight to this one.
#
# Needs the PostgreSQL server and client binaries (Debian: `sudo apt-get install postgresql`).
set -euo pipefail

PG_USER=gongkai
PG_PASSWORD=gongkai
PG_DB=gongkai_test
PORT=${PGTEST_PORT:-5432}
PRIVATE_PORT=${PGTEST_PORT_PRIVATE:-54329}
PRIVATE_DIR=${PGTEST_DIR:-${TMPDIR:-/tmp}/gongkai-pg-test}

log() { echo "==> $*" >&2; }
warn() { echo "==> WARNING: $*" >&2; }
die() {
  echo "==> ERROR: $*" >&2
  exit 1
}

mode=print
case "${1:-}" in
  '') ;;
  --export) mode=export ;;
  --stop) mode=stop ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *) die "unknown argument '$1' (try --help)" ;;
esac

url_for() { echo "postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:$1/${PG_DB}"; }

emit() {
  local url
  url=$(url_for "$1")
  log "PostgreSQL for tests: $url"
  if [[ $mode == export ]]; then
    printf "export TEST_DATABASE_URL='%s'\n" "$url"
  else
    printf '%s\n' "$url"
  fi
  exit 0
}

have() { command -v "$1" >/dev/null 2>&1; }

# Finds a PostgreSQL binary: PATH first, then pg_config's bindir, then Debian's versioned dirs (newest first).
find_pg_bin() {
  local name=$1 dir
  if have "$name"; then
    command -v "$name"
    return 0
  fi
  if have pg_config && [[ -x "$(pg_config --bindir)/$name" ]]; then
    echo "$(pg_config --bindir)/$name"
    return 0
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r); do
    if [[ -x "$dir/$name" ]]; then
      echo "$dir/$name"
      return 0
    fi
  done
  return 1
}

PSQL=$(find_pg_bin psql) || die "psql not found. Install PostgreSQL first (Debian: sudo apt-get install postgresql)."

# True if something listens on 127.0.0.1:$1.
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# True if the test role can log in over TCP on port $1 with CREATEDB and may create schemas in the test database.
role_ok() {
  local out
  port_open "$1" || return 1
  out=$(PGCONNECT_TIMEOUT=5 "$PSQL" "$(url_for "$1")" -XtAq -v ON_ERROR_STOP=1 -c \
    "select (select rolcreatedb from pg_roles where rolname = current_user)
            and has_database_privilege(current_database(), 'CREATE')" 2>/dev/null) || return 1
  [[ $out == t ]]
}

# Runs a command as the `postgres` OS user (or as ourselves if we are that user). Fails if we cannot.
as_postgres() {
  if [[ $(id -un) == postgres ]]; then
    "$@"
  elif [[ $(id -u) == 0 ]]; then
    id postgres >/dev/null 2>&1 || return 1
    if have runuser; then
      runuser -u postgres -- "$@"
    else
      su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
    fi
  elif have sudo && sudo -n -u postgres true 2>/dev/null; then
    sudo -n -u postgres -- "$@"
  else
    return 1
  fi
}

can_be_postgres() { as_postgres true 2>/dev/null; }

# SQL that creates/updates the test role and database; run by a superuser through psql (uses \gexec).
setup_sql() {
  cat <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PG_USER}') THEN
    CREATE ROLE ${PG_USER} LOGIN CREATEDB PASSWORD '${PG_PASSWORD}';
  ELSE
    ALTER ROLE ${PG_USER} LOGIN CREATEDB PASSWORD '${PG_PASSWORD}';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE ${PG_DB} OWNER ${PG_USER}'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${PG_DB}') \gexec
ALTER DATABASE ${PG_DB} OWNER TO ${PG_USER};
GRANT ALL PRIVILEGES ON DATABASE ${PG_DB} TO ${PG_USER};
\c ${PG_DB}
ALTER SCHEMA public OWNER TO ${PG_USER};
SQL
}

# ---------------------------------------------------------------------------------------------------------------
# The private cluster
# ---------------------------------------------------------------------------------------------------------------
DATA_DIR="$PRIVATE_DIR/data"
SOCK_DIR="$PRIVATE_DIR/sock"
LOG_FILE="$PRIVATE_DIR/postgres.log"

# Runs a command as the owner of the private cluster.
as_private_owner() {
  if [[ $(id -u) == 0 ]]; then as_postgres "$@"; else "$@"; fi
}

private_port() { [[ -f "$PRIVATE_DIR/port" ]] && cat "$PRIVATE_DIR/port"; }

private_running() {
  local pg_ctl
  [[ -f "$DATA_DIR/PG_VERSION" ]] || return 1
  pg_ctl=$(find_pg_bin pg_ctl) || return 1
  as_private_owner "$pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1
}

stop_private() {
  local pg_ctl
  if private_running; then
    pg_ctl=$(find_pg_bin pg_ctl)
    log "stopping the private PostgreSQL cluster in $PRIVATE_DIR"
    as_private_owner "$pg_ctl" -D "$DATA_DIR" -m fast -w stop >&2
  else
    log "no private PostgreSQL cluster running in $PRIVATE_DIR"
  fi
}

start_private() {
  local initdb pg_ctl port
  initdb=$(find_pg_bin initdb) || die "initdb not found. Install PostgreSQL (Debian: sudo apt-get install postgresql)."
  pg_ctl=$(find_pg_bin pg_ctl) || die "pg_ctl not found. Install PostgreSQL (Debian: sudo apt-get install postgresql)."
  if [[ $(id -u) == 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      log "creating the system user 'postgres' (initdb refuses to run as root)"
      useradd --system --user-group --no-create-home --home-dir "$PRIVATE_DIR" --shell /bin/sh postgres
    fi
  fi

  if [[ ! -f "$DATA_DIR/PG_VERSION" ]] || [[ ! -f "$PRIVATE_DIR/port" ]]; then
    log "initdb-ing a private PostgreSQL cluster in $PRIVATE_DIR ($initdb)"
    rm -rf "$PRIVATE_DIR"
    mkdir -p "$PRIVATE_DIR"
    if [[ $(id -u) == 0 ]]; then chown postgres: "$PRIVATE_DIR"; fi
    chmod 0755 "$PRIVATE_DIR"
    as_private_owner mkdir -p "$SOCK_DIR"
    as_private_owner "$initdb" -D "$DATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$PRIVATE_DIR/initdb.log" 2>&1 ||
      as_private_owner "$initdb" -D "$DATA_DIR" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 >"$PRIVATE_DIR/initdb.log" 2>&1 ||
      {
        cat "$PRIVATE_DIR/initdb.log" >&2
        die "initdb failed"
      }
    port=$PRIVATE_PORT
    while port_open "$port"; do port=$((port + 1)); done
    as_private_owner tee -a "$DATA_DIR/postgresql.conf" >/dev/null <<CONF

# --- added by scripts/pg-test-server.sh: a throwaway cluster for tests ---
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCK_DIR'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
password_encryption = 'scram-sha-256'
CONF
    echo "$port" | as_private_owner tee "$PRIVATE_DIR/port" >/dev/null
  fi
  port=$(private_port)

  if ! private_running; then
    if port_open "$port"; then
      # Our recorded port got taken by someone else: move to a free one.
      local new=$PRIVATE_PORT
      while port_open "$new"; do new=$((new + 1)); done
      log "port $port is taken; moving the private cluster to port $new"
      as_private_owner sed -i "s/^port = .*/port = $new/" "$DATA_DIR/postgresql.conf"
      echo "$new" | as_private_owner tee "$PRIVATE_DIR/port" >/dev/null
      port=$new
    fi
    log "starting the private PostgreSQL cluster on 127.0.0.1:$port"
    as_private_owner "$pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 start >/dev/null 2>&1 || {
      tail -n 30 "$LOG_FILE" >&2 || true
      die "the private PostgreSQL cluster did not start (log: $LOG_FILE)"
    }
  fi

  log "creating role '$PG_USER' and database '$PG_DB' in the private cluster"
  setup_sql | "$PSQL" -h "$SOCK_DIR" -p "$port" -U postgres -d postgres -XqAt -v ON_ERROR_STOP=1 >/dev/null ||
    die "could not create the test role/database in the private cluster"
  role_ok "$port" || die "the private cluster on port $port does not accept role '$PG_USER' (log: $LOG_FILE)"
  emit "$port"
}

if [[ $mode == stop ]]; then
  stop_private
  exit 0
fi

# ---------------------------------------------------------------------------------------------------------------
# 1. Something already running that accepts the test role?
# ---------------------------------------------------------------------------------------------------------------
if [[ ${PGTEST_PRIVATE:-0} != 1 ]] && role_ok "$PORT"; then emit "$PORT"; fi
if p=$(private_port) && [[ -n $p ]] && private_running && role_ok "$p"; then emit "$p"; fi

# ---------------------------------------------------------------------------------------------------------------
# 2. Debian's packaged cluster
# ---------------------------------------------------------------------------------------------------------------
try_debian() {
  local line ver name cport status sock=/var/run/postgresql
  have pg_lsclusters || return 1
  can_be_postgres || {
    warn "cannot act as the 'postgres' OS user (not root, no password-less sudo): skipping Debian's cluster"
    return 1
  }
  # Prefer the cluster on $PORT, else the newest one.
  line=$(pg_lsclusters -h 2>/dev/null | awk -v p="$PORT" '$3 == p' | sort -V -r | head -n 1)
  [[ -n $line ]] || line=$(pg_lsclusters -h 2>/dev/null | sort -V -r | head -n 1)
  if [[ -z $line ]]; then
    have pg_createcluster && [[ $(id -u) == 0 ]] || return 1
    ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
    [[ -n $ver ]] || return 1
    log "creating Debian PostgreSQL cluster $ver/main"
    pg_createcluster "$ver" main -p "$PORT" >/dev/null 2>&1 || return 1
    line=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main"')
  fi
  read -r ver name cport status _ <<<"$line"
  if [[ $status != online* ]]; then
    if port_open "$cport"; then
      warn "port $cport is taken by another server: not starting Debian cluster $ver/$name"
      return 1
    fi
    log "starting Debian PostgreSQL cluster $ver/$name on port $cport"
    if [[ $(id -u) == 0 ]]; then
      pg_ctlcluster "$ver" "$name" start >&2 || { have service && service postgresql start >&2; } || true
    else
      sudo -n pg_ctlcluster "$ver" "$name" start >&2 || as_postgres pg_ctlcluster "$ver" "$name" start >&2 || true
    fi
    local i
    for i in $(seq 1 30); do
      pg_lsclusters -h 2>/dev/null | awk -v v="$ver" -v n="$name" '$1 == v && $2 == n' | grep -q online && break
      sleep 1
    done
    pg_lsclusters -h 2>/dev/null | awk -v v="$ver" -v n="$name" '$1 == v && $2 == n' | grep -q online || {
      warn "Debian cluster $ver/$name did not start:"
      tail -n 20 "/var/log/postgresql/postgresql-$ver-$name.log" >&2 2>/dev/null || true
      return 1
    }
  fi
  log "creating role '$PG_USER' and database '$PG_DB' in Debian cluster $ver/$name"
  setup_sql | as_postgres "$PSQL" -h "$sock" -p "$cport" -d postgres -XqAt -v ON_ERROR_STOP=1 >/dev/null || {
    warn "could not create the test role/database in Debian cluster $ver/$name"
    return 1
  }
  if role_ok "$cport"; then emit "$cport"; fi
  warn "Debian cluster $ver/$name does not accept '$PG_USER' over TCP on 127.0.0.1:$cport (check pg_hba.conf / listen_addresses)"
  return 1
}
if [[ ${PGTEST_PRIVATE:-0} != 1 ]]; then try_debian || true; fi

# ---------------------------------------------------------------------------------------------------------------
# 3. A private cluster
# ---------------------------------------------------------------------------------------------------------------
start_private
