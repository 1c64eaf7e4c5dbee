#!/usr/bin/env bash
# The office's PostgreSQL for the tests: Debian's server on loopback, a throw-away role and
# database. Prints the SQLAlchemy URL the tests read from CHECKPOINT_TEST_PG_URL.
set -euo pipefail
exec 3>&1 1>&2  # everything but the URL goes to stderr: the caller reads stdout
version=$(ls /etc/postgresql | sort -n | tail -1)
# 3>&-: the server must not hold the pipe the caller reads the URL from
pg_ctlcluster "$version" main start 3>&- 2>/dev/null || pg_ctlcluster "$version" main status 3>&- >/dev/null
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='checkpoint'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE checkpoint LOGIN SUPERUSER PASSWORD 'checkpoint'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='checkpoint_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O checkpoint checkpoint_test"
echo "postgresql+pg8000://checkpoint:checkpoint@127.0.0.1:5432/checkpoint_test" >&3
