/*
 * Plain SQL on one connection.  A run waits in memory and goes in with
 * one BEGIN IMMEDIATE ... COMMIT at its end: a run killed before leaves
 * nothing, one killed during the commit is rolled back by the WAL, and a
 * second recorder waits (busy_timeout) only for that commit, not for the
 * first one's whole run.  The delta against the previous run is worked out
 * by SQL in that transaction, from a temporary table holding the run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "redact.h"
#include "store.h"
#include "strmap.h"
#include "strpool.h"
#include "xalloc.h"

#define STORE_BUSY_MS	60000	/* how long to wait for another recorder */

/*
 * A buffered row: a value, or a finding when code is set.  Its strings
 * are the store's (st->text).
 */
struct row {
	char		*mac;
	char		*name;		/* or the finding's code */
	char		*value;		/* or its severity */
	char		*source;
	char		*file;
	int		 line;
	char		*phone_value;	/* or its message */
	char		*phone_source;
	char		*verdict;
	int		 finding;
};

struct store {
	sqlite3		*db;
	char		*path;
	struct row	*rows;		/* pending until store_commit() */
	size_t		 n, cap;
	struct strpool	 text;		/* the pending rows' strings */
};

/*
 * Schema migrations: migrations[i] takes user_version i to i + 1.  Never
 * edit one that has shipped; add the next.
 */
static const char *const migrations[STORE_SCHEMA] = {
	"CREATE TABLE series ("
	" id INTEGER PRIMARY KEY,"
	" share TEXT NOT NULL,"
	" command TEXT NOT NULL,"
	" UNIQUE (share, command));"
	"CREATE TABLE run ("
	" id INTEGER PRIMARY KEY,"
	" series INTEGER NOT NULL REFERENCES series(id),"
	" started INTEGER NOT NULL,"
	" finished INTEGER NOT NULL,"
	" phones INTEGER NOT NULL,"
	" stored INTEGER NOT NULL);"
	"CREATE INDEX run_started ON run (started);"
	"CREATE TABLE mac (id INTEGER PRIMARY KEY, mac TEXT NOT NULL UNIQUE);"
	"CREATE TABLE name (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE path (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);"
	"CREATE TABLE state ("
	" id INTEGER PRIMARY KEY,"
	" series INTEGER NOT NULL REFERENCES series(id),"
	" mac INTEGER NOT NULL REFERENCES mac(id),"
	" name INTEGER NOT NULL REFERENCES name(id),"
	" value TEXT, source TEXT,"
	" path INTEGER REFERENCES path(id), line INTEGER,"
	" phone_value TEXT, phone_source TEXT, verdict TEXT,"
	" since INTEGER NOT NULL REFERENCES run(id),"
	" until INTEGER REFERENCES run(id));"
	"CREATE INDEX state_open ON state (series, mac, name)"
	" WHERE until IS NULL;"
	"CREATE INDEX state_prev ON state (series, mac, name, until);"
	"CREATE INDEX state_mac ON state (mac, since);"
	"CREATE INDEX state_name ON state (name, since);"
	"CREATE INDEX state_since ON state (since);"
	"CREATE INDEX state_drift ON state (mac, since)"
	" WHERE verdict IN ('drift', 'phone-only');"
	"CREATE TABLE finding ("
	" id INTEGER PRIMARY KEY,"
	" series INTEGER NOT NULL REFERENCES series(id),"
	" mac INTEGER NOT NULL REFERENCES mac(id),"
	" code TEXT NOT NULL, severity TEXT NOT NULL,"
	" path INTEGER REFERENCES path(id), line INTEGER,"
	" message TEXT NOT NULL,"
	" since INTEGER NOT NULL REFERENCES run(id),"
	" until INTEGER REFERENCES run(id));"
	"CREATE INDEX finding_open ON finding (series, mac) WHERE until IS NULL;"
	"CREATE INDEX finding_mac ON finding (mac, since);",
};

/* "DB: what: sqlite's message", malloced. */
static char *
why(struct store *st, const char *what)
{
	return xasprintf("%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

static int
exec(struct store *st, const char *sql, char **cause)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		*cause = why(st, "cannot update the database");
		return -1;
	}
	return 0;
}

static int
prepare(struct store *st, const char *sql, sqlite3_stmt **s, char **cause)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, s, NULL) != SQLITE_OK) {
		*cause = why(st, "cannot read the database");
		return -1;
	}
	return 0;
}

static int
user_version(struct store *st, int *v, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (prepare(st, "PRAGMA user_version", &s, cause) == -1)
		return -1;
	rc = sqlite3_step(s);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW) {
		*cause = why(st, "not a polyaudit database");
		return -1;
	}
	return 0;
}

/* Bring the schema up to STORE_SCHEMA, in one transaction. */
static int
migrate(struct store *st, char **cause)
{
	char	*sql;
	int	 v;

	if (user_version(st, &v, cause) == -1)
		return -1;
	if (v == STORE_SCHEMA)
		return 0;
	if (exec(st, "BEGIN IMMEDIATE", cause) == -1)
		return -1;
	/* Another recorder may have migrated while this one waited. */
	if (user_version(st, &v, cause) == -1)
		goto fail;
	if (v > STORE_SCHEMA) {
		*cause = xasprintf("%s: schema version %d is newer than this "
		    "polyaudit's (%d)", st->path, v, STORE_SCHEMA);
		goto fail;
	}
	for (; v < STORE_SCHEMA; v++)
		if (exec(st, migrations[v], cause) == -1)
			goto fail;
	sql = xasprintf("PRAGMA user_version = %d", STORE_SCHEMA);
	v = exec(st, sql, cause);
	free(sql);
	if (v == -1 || exec(st, "COMMIT", cause) == -1)
		goto fail;
	return 0;
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/*
 * Open the database at path, creating it if create is set, in WAL mode
 * and at the current schema.  Returns -1 with *cause.
 */
int
store_open(const char *path, int create, struct store **out, char **cause)
{
	struct store	*st;
	int		 flags = SQLITE_OPEN_READWRITE;

	*out = NULL;
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		*cause = st->db != NULL ? why(st, "cannot open") :
		    xasprintf("%s: cannot open", path);
		store_close(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	if (exec(st, "PRAGMA journal_mode = WAL", cause) == -1 ||
	    exec(st, "PRAGMA synchronous = NORMAL", cause) == -1 ||
	    exec(st, "PRAGMA foreign_keys = ON", cause) == -1 ||
	    exec(st, "PRAGMA temp_store = MEMORY", cause) == -1 ||
	    migrate(st, cause) == -1) {
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	free(st->rows);
	strpool_free(&st->text);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

static struct row *
next_row(struct store *st)
{
	struct row	*r;

	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 1024;
		st->rows = xreallocarray(st->rows, st->cap, sizeof(*st->rows));
	}
	r = &st->rows[st->n++];
	memset(r, 0, sizeof(*r));
	return r;
}

/* The value to keep: never a secret. */
static char *
keep(struct store *st, const char *name, const char *value)
{
	return strpool_dup(&st->text, redact_value(name, value));
}

/* Note one value of the phone mac for the run. */
void
store_add(struct store *st, const char *mac, const struct store_obs *o)
{
	struct row	*r = next_row(st);

	r->mac = strpool_dup(&st->text, mac);
	r->name = strpool_dup(&st->text, o->name);
	r->value = keep(st, o->name, o->value);
	r->source = strpool_dup(&st->text, o->source);
	r->file = strpool_dup(&st->text, o->file);
	r->line = o->line;
	r->phone_value = keep(st, o->name, o->phone_value);
	r->phone_source = strpool_dup(&st->text, o->phone_source);
	r->verdict = strpool_dup(&st->text, o->verdict);
}

/* Note a finding (code, severity, file, line, message) about mac. */
void
store_finding(struct store *st, const char *mac, const char *code,
    const char *sev, const char *file, int line, const char *message)
{
	struct row	*r = next_row(st);

	r->finding = 1;
	r->mac = strpool_dup(&st->text, mac);
	r->name = strpool_dup(&st->text, code);
	r->value = strpool_dup(&st->text, sev);
	r->file = strpool_dup(&st->text, file);
	r->line = line;
	r->phone_value = strpool_dup(&st->text, message);
}

/* The id of text in table (mac, name, path), added if new; 0 for NULL. */
static sqlite3_int64
intern(struct store *st, struct strmap *cache, sqlite3_stmt *ins,
    sqlite3_stmt *sel, const char *text, char **cause)
{
	sqlite3_int64	id;
	void		*hit;

	if (text == NULL)
		return 0;
	if ((hit = strmap_get(cache, text)) != NULL)
		return (sqlite3_int64)(intptr_t)hit;
	sqlite3_bind_text(ins, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(sel, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(ins) != SQLITE_DONE ||
	    sqlite3_step(sel) != SQLITE_ROW) {
		*cause = why(st, "cannot update the database");
		id = -1;
	} else {
		id = sqlite3_column_int64(sel, 0);
		strmap_put(cache, text, (void *)(intptr_t)id);
	}
	sqlite3_reset(ins);
	sqlite3_reset(sel);
	return id;
}

struct interner {
	struct strmap	*cache;
	sqlite3_stmt	*ins, *sel;
};

static int
interner_init(struct store *st, struct interner *in, const char *table,
    char **cause)
{
	char	*a, *b;
	int	 rc;

	in->cache = strmap_new();
	in->ins = in->sel = NULL;
	a = xasprintf("INSERT INTO %s (%s) VALUES (?1) ON CONFLICT DO NOTHING",
	    table, table);
	b = xasprintf("SELECT id FROM %s WHERE %s = ?1", table, table);
	rc = prepare(st, a, &in->ins, cause) == -1 ||
	    prepare(st, b, &in->sel, cause) == -1 ? -1 : 0;
	free(a);
	free(b);
	return rc;
}

static void
interner_free(struct interner *in)
{
	strmap_free(in->cache, NULL);
	sqlite3_finalize(in->ins);
	sqlite3_finalize(in->sel);
}

static void
bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

static void
bind_id(sqlite3_stmt *s, int i, sqlite3_int64 id)
{
	if (id == 0)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int64(s, i, id);
}

/* The run's rows into the temporary tables cur and curf. */
static int
load_run(struct store *st, char **cause)
{
	struct interner	 in[3];
	sqlite3_stmt	*v = NULL, *f = NULL, *s;
	sqlite3_int64	 mac, name, path;
	struct row	*r;
	size_t		 i;
	int		 rc = -1, k, ok = 0;

	for (k = 0; k < 3; k++)
		if (interner_init(st, &in[k], k == 0 ? "mac" : k == 1 ?
		    "name" : "path", cause) == 0)
			ok++;
	if (ok < 3 ||
	    exec(st, "CREATE TEMP TABLE IF NOT EXISTS cur (mac INTEGER, "
	    "name INTEGER, value TEXT, source TEXT, path INTEGER, line "
	    "INTEGER, phone_value TEXT, phone_source TEXT, verdict TEXT, "
	    "PRIMARY KEY (mac, name));"
	    "CREATE TEMP TABLE IF NOT EXISTS curf (mac INTEGER, code TEXT, "
	    "severity TEXT, path INTEGER, line INTEGER, message TEXT);"
	    "DELETE FROM cur; DELETE FROM curf;", cause) == -1 ||
	    prepare(st, "INSERT OR REPLACE INTO cur VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7, ?8, ?9)", &v, cause) == -1 ||
	    prepare(st, "INSERT INTO curf VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	    &f, cause) == -1)
		goto out;
	for (i = 0; i < st->n; i++) {
		r = &st->rows[i];
		if ((mac = intern(st, in[0].cache, in[0].ins, in[0].sel,
		    r->mac, cause)) == -1 ||
		    (name = r->finding ? 0 : intern(st, in[1].cache, in[1].ins,
		    in[1].sel, r->name, cause)) == -1 ||
		    (path = intern(st, in[2].cache, in[2].ins, in[2].sel,
		    r->file, cause)) == -1)
			goto out;
		s = r->finding ? f : v;
		sqlite3_bind_int64(s, 1, mac);
		if (r->finding) {
			sqlite3_bind_text(s, 2, r->name, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 3, r->value, -1, SQLITE_STATIC);
			bind_id(s, 4, path);
			sqlite3_bind_int(s, 5, r->line);
			sqlite3_bind_text(s, 6, r->phone_value, -1,
			    SQLITE_STATIC);
		} else {
			sqlite3_bind_int64(s, 2, name);
			bind_text_or_null(s, 3, r->value);
			bind_text_or_null(s, 4, r->source);
			bind_id(s, 5, path);
			sqlite3_bind_int(s, 6, r->line);
			bind_text_or_null(s, 7, r->phone_value);
			bind_text_or_null(s, 8, r->phone_source);
			bind_text_or_null(s, 9, r->verdict);
		}
		if (sqlite3_step(s) != SQLITE_DONE) {
			*cause = why(st, "cannot update the database");
			goto out;
		}
		sqlite3_reset(s);
	}
	rc = 0;
out:
	sqlite3_finalize(v);
	sqlite3_finalize(f);
	for (k = 0; k < 3; k++)
		interner_free(&in[k]);
	return rc;
}

/* Run sql with ?1 the series and ?2 the run; the rows it changed. */
static int
step2(struct store *st, const char *sql, sqlite3_int64 series,
    sqlite3_int64 run, sqlite3_int64 *changed, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (prepare(st, sql, &s, cause) == -1)
		return -1;
	sqlite3_bind_int64(s, 1, series);
	sqlite3_bind_int64(s, 2, run);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		*cause = why(st, "cannot update the database");
		return -1;
	}
	if (changed != NULL)
		*changed += sqlite3_changes(st->db);
	return 0;
}

/* What held and no longer does is closed; what is new is added. */
static const char *const delta_sql[] = {
	"UPDATE state SET until = ?2 WHERE series = ?1 AND until IS NULL "
	"AND NOT EXISTS (SELECT 1 FROM cur c WHERE c.mac = state.mac AND "
	"c.name = state.name AND c.value IS state.value AND c.source IS "
	"state.source AND c.path IS state.path AND c.line IS state.line AND "
	"c.phone_value IS state.phone_value AND c.phone_source IS "
	"state.phone_source AND c.verdict IS state.verdict)",
	"INSERT INTO state (series, mac, name, value, source, path, line, "
	"phone_value, phone_source, verdict, since) SELECT ?1, c.mac, c.name, "
	"c.value, c.source, c.path, c.line, c.phone_value, c.phone_source, "
	"c.verdict, ?2 FROM cur c WHERE NOT EXISTS (SELECT 1 FROM state s "
	"WHERE s.series = ?1 AND s.until IS NULL AND s.mac = c.mac AND "
	"s.name = c.name)",
	"UPDATE finding SET until = ?2 WHERE series = ?1 AND until IS NULL "
	"AND NOT EXISTS (SELECT 1 FROM curf c WHERE c.mac = finding.mac AND "
	"c.code = finding.code AND c.severity = finding.severity AND "
	"c.path IS finding.path AND c.line IS finding.line AND c.message = "
	"finding.message)",
	"INSERT INTO finding (series, mac, code, severity, path, line, "
	"message, since) SELECT DISTINCT ?1, c.mac, c.code, c.severity, "
	"c.path, c.line, c.message, ?2 FROM curf c WHERE NOT EXISTS (SELECT 1 "
	"FROM finding f WHERE f.series = ?1 AND f.until IS NULL AND f.mac = "
	"c.mac AND f.code = c.code AND f.severity = c.severity AND f.path IS "
	"c.path AND f.line IS c.line AND f.message = c.message)",
};

static sqlite3_int64
last_id(struct store *st)
{
	return sqlite3_last_insert_rowid(st->db);
}

/*
 * Write the run of command on share, started at started, in one
 * transaction.  Returns -1 with *cause; the database is then as before.
 */
int
store_commit(struct store *st, const char *share, const char *command,
    time_t started, size_t phones, char **cause)
{
	sqlite3_stmt	*s = NULL;
	sqlite3_int64	 series, run, changed = 0;
	size_t		 i;

	if (exec(st, "BEGIN IMMEDIATE", cause) == -1)
		return -1;
	/* The no-op update makes RETURNING give an existing series too. */
	if (prepare(st, "INSERT INTO series (share, command) VALUES (?1, ?2) "
	    "ON CONFLICT DO UPDATE SET share = excluded.share RETURNING id", &s,
	    cause) == -1)
		goto fail;
	sqlite3_bind_text(s, 1, share, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, command, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW)
		goto sqlfail;
	series = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (prepare(st, "INSERT INTO run (series, started, finished, phones, "
	    "stored) VALUES (?1, ?2, strftime('%s', 'now'), ?3, 0)", &s,
	    cause) == -1)
		goto fail;
	sqlite3_bind_int64(s, 1, series);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)started);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)phones);
	if (sqlite3_step(s) != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(s);
	s = NULL;
	run = last_id(st);
	if (load_run(st, cause) == -1)
		goto fail;
	for (i = 0; i < sizeof(delta_sql) / sizeof(delta_sql[0]); i++)
		if (step2(st, delta_sql[i], series, run, i % 2 ? &changed :
		    NULL, cause) == -1)
			goto fail;
	if (step2(st, "UPDATE run SET stored = ?1 WHERE id = ?2", changed,
	    run, NULL, cause) == -1 ||
	    exec(st, "DELETE FROM cur; DELETE FROM curf; COMMIT", cause) == -1)
		goto fail;
	strpool_free(&st->text);
	st->n = 0;
	return 0;
sqlfail:
	*cause = why(st, "cannot update the database");
fail:
	sqlite3_finalize(s);
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static const char *
col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* Columns at i: present, value, source, path, line, phone_value,
 * phone_source, verdict. */
static void
state_at(sqlite3_stmt *s, int i, struct store_state *v)
{
	v->present = sqlite3_column_int(s, i);
	v->value = col(s, i + 1);
	v->source = col(s, i + 2);
	v->file = col(s, i + 3);
	v->line = sqlite3_column_int(s, i + 4);
	v->phone_value = col(s, i + 5);
	v->phone_source = col(s, i + 6);
	v->verdict = col(s, i + 7);
}

/*
 * The filters the query gives, as SQL on s (a state row) and r (its run):
 * only those given, so that each can use its index.  Malloced.
 */
static char *
filters(const struct store_query *q)
{
	return xasprintf("%s%s AND r.started >= ?3 AND r.started < ?4",
	    q->mac ? " AND s.mac = (SELECT id FROM mac WHERE mac = ?1)" : "",
	    q->name ? " AND s.name = (SELECT id FROM name WHERE name = ?2)" :
	    "");
}

#define STATE_COLS(t, p) \
	t ".value, " t ".source, " p ".path, " t ".line, " t ".phone_value, " \
	t ".phone_source, " t ".verdict"

/*
 * Every change in the history that the query selects, oldest first: a
 * value that replaced another (or appeared), and a value that went.  The
 * first run of a series is its starting point, listed only for one phone
 * (?1, the MAC, is given).  The filters go after each part but the last.
 */
static const char history_new[] =
	"SELECT s.since, r.started, se.share, se.command, m.mac, n.name, "
	" o.id IS NOT NULL, " STATE_COLS("o", "op") ", "
	" 1, " STATE_COLS("s", "sp")
	" FROM state s JOIN run r ON r.id = s.since"
	" JOIN series se ON se.id = s.series"
	" JOIN mac m ON m.id = s.mac JOIN name n ON n.id = s.name"
	" LEFT JOIN path sp ON sp.id = s.path"
	" LEFT JOIN state o ON o.series = s.series AND o.mac = s.mac"
	"  AND o.name = s.name AND o.until = s.since"
	" LEFT JOIN path op ON op.id = o.path"
	" WHERE (?1 IS NOT NULL OR o.id IS NOT NULL OR"
	"  s.since != (SELECT MIN(id) FROM run WHERE series = s.series))";

static const char history_gone[] =
	" UNION ALL "
	"SELECT s.until, r.started, se.share, se.command, m.mac, n.name, "
	" 1, " STATE_COLS("s", "sp") ", "
	" 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
	" FROM state s JOIN run r ON r.id = s.until"
	" JOIN series se ON se.id = s.series"
	" JOIN mac m ON m.id = s.mac JOIN name n ON n.id = s.name"
	" LEFT JOIN path sp ON sp.id = s.path"
	" WHERE s.until IS NOT NULL";

static const char history_end[] =
	" AND NOT EXISTS (SELECT 1 FROM state x WHERE x.series = s.series"
	"  AND x.mac = s.mac AND x.name = s.name AND x.since = s.until)"
	" ORDER BY 2, 1, 5, 6";

/*
 * Run the SQL of parts up to a NULL, the query's filters after each part
 * but the last, with q bound; row() gets each row.
 */
static int
each_row(struct store *st, const struct store_query *q,
    const char *const *parts, void (*row)(sqlite3_stmt *, void *), void *arg,
    char **cause)
{
	sqlite3_stmt	*s;
	char		*f = filters(q), *text = xstrdup(""), *t;
	size_t		 i;
	int		 rc;

	for (i = 0; parts[i] != NULL; i++) {
		t = xconcat(text, parts[i], parts[i + 1] ? f : "", NULL);
		free(text);
		text = t;
	}
	free(f);
	rc = prepare(st, text, &s, cause);
	free(text);
	if (rc == -1)
		return -1;
	bind_text_or_null(s, 1, q->mac);
	bind_text_or_null(s, 2, q->name);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)q->since);
	sqlite3_bind_int64(s, 4, q->until ? (sqlite3_int64)q->until :
	    INT64_MAX);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		row(s, arg);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		*cause = why(st, "cannot read the database");
		return -1;
	}
	return 0;
}

/* What the caller of a query gave: its callback and argument. */
struct caller {
	void	(*event)(void *, const struct store_event *);
	void	(*drift)(void *, const struct store_drift *);
	void	*arg;
};

static void
event_row(sqlite3_stmt *s, void *arg)
{
	struct caller		*c = arg;
	struct store_event	 e;

	e.run = (long)sqlite3_column_int64(s, 0);
	e.when = (time_t)sqlite3_column_int64(s, 1);
	e.share = col(s, 2);
	e.command = col(s, 3);
	e.mac = col(s, 4);
	e.name = col(s, 5);
	state_at(s, 6, &e.old);
	state_at(s, 14, &e.new);
	c->event(c->arg, &e);
}

int
store_history(struct store *st, const struct store_query *q,
    void (*cb)(void *, const struct store_event *), void *arg, char **cause)
{
	static const char *const parts[] = { history_new, history_gone,
				    history_end, NULL };
	struct caller		 c = { cb, NULL, arg };

	return each_row(st, q, parts, event_row, &c, cause);
}

#define DRIFTING	"verdict IN ('drift', 'phone-only')"

/*
 * Per phone and series: the first run in which a value drifted (the
 * filters select which), and whether drift is there in the last run.
 */
static const char drift_sql[] =
	"SELECT m.mac, se.share, MIN(r.started), n.name,"
	" EXISTS (SELECT 1 FROM state x WHERE x.series = s.series"
	"  AND x.mac = s.mac AND x.until IS NULL AND x." DRIFTING "),"
	" (SELECT MIN(y.started) FROM state x JOIN run y ON y.id = x.since"
	"  WHERE x.series = s.series AND x.mac = s.mac AND x.until IS NULL"
	"  AND x." DRIFTING "),"
	" (SELECT COUNT(*) FROM state x WHERE x.series = s.series"
	"  AND x.mac = s.mac AND x.until IS NULL AND x." DRIFTING ")"
	" FROM state s JOIN run r ON r.id = s.since"
	" JOIN series se ON se.id = s.series"
	" JOIN mac m ON m.id = s.mac JOIN name n ON n.id = s.name"
	" WHERE s." DRIFTING;

static const char drift_end[] =
	" GROUP BY s.series, s.mac ORDER BY 3, 1";

static void
drift_row(sqlite3_stmt *s, void *arg)
{
	struct caller		*c = arg;
	struct store_drift	 d;

	d.mac = col(s, 0);
	d.share = col(s, 1);
	d.first = (time_t)sqlite3_column_int64(s, 2);
	d.name = col(s, 3);
	d.still = sqlite3_column_int(s, 4);
	d.since = (time_t)sqlite3_column_int64(s, 5);
	d.now = (size_t)sqlite3_column_int64(s, 6);
	c->drift(c->arg, &d);
}

int
store_first_drift(struct store *st, const struct store_query *q,
    void (*cb)(void *, const struct store_drift *), void *arg, char **cause)
{
	static const char *const parts[] = { drift_sql, drift_end, NULL };
	struct caller		 c = { NULL, cb, arg };

	return each_row(st, q, parts, drift_row, &c, cause);
}
