/*
 * The report layer: the table of formats, the column tables every format
 * walks, and the counting behind the summaries, so that a format only
 * decides how things look.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "logcheck.h"
#include "phone.h"
#include "pin.h"
#include "provserver.h"
#include "redact.h"
#include "report.h"
#include "strmap.h"
#include "xalloc.h"

/* Indexed by enum format. */
const struct report_ops *const report_formats[FMT_COUNT] = {
#define REPORT_FORMAT(id, name)	[FMT_##id] = &report_##name##_ops,
	REPORT_FORMATS
#undef REPORT_FORMAT
};

#define ROW(cell)	offsetof(struct report_row, cell)

/*
 * audit: one row per audited parameter.  Text shows the share's file and
 * line, or its source, and the phone's source together, last.
 */
const struct report_col report_audit_cols[] = {
	{ "host", NULL, 0, ROW(host), COL_STR, COL_CSV, NULL },
	{ "mac", NULL, 0, ROW(mac), COL_STR, COL_CSV, NULL },
	{ "name", "PARAMETER", 1, ROW(name), COL_STR, COL_CSV | COL_JSON,
	  NULL },
	{ "file_value", "FILE VALUE", 3, ROW(value), COL_VALUE,
	  COL_CSV | COL_JSON, "(unset)" },
	{ "file", "FROM / PHONE SOURCE", 5, ROW(file), COL_PATH,
	  COL_CSV | COL_JSON, NULL },
	{ "line", NULL, 0, ROW(line), COL_LINE, COL_CSV | COL_JSON, NULL },
	{ "file_source", NULL, 0, ROW(source), COL_STR, COL_CSV | COL_JSON,
	  NULL },
	{ "phone_value", "PHONE VALUE", 4, ROW(phone_value), COL_VALUE,
	  COL_CSV | COL_JSON, "(unknown)" },
	{ "phone_source", NULL, 0, ROW(phone_source), COL_STR,
	  COL_CSV | COL_JSON, "-" },
	{ "verdict", "VERDICT", 2, ROW(verdict), COL_VERDICT,
	  COL_CSV | COL_JSON, NULL },
	{ "reason", NULL, 0, ROW(reason), COL_STR, COL_CSV | COL_JSON, NULL },
	{ NULL, NULL, 0, 0, COL_STR, 0, NULL },
};

/* show and scan: one row per effective parameter (show has no MAC). */
const struct report_col report_param_cols[] = {
	{ "mac", "MAC", 1, ROW(mac), COL_STR, COL_CSV, NULL },
	{ "name", "PARAMETER", 2, ROW(name), COL_STR, COL_CSV | COL_JSON,
	  NULL },
	{ "value", "VALUE", 3, ROW(value), COL_VALUE, COL_CSV | COL_JSON,
	  "(unset)" },
	{ "source", "SOURCE", 4, ROW(source), COL_STR, COL_CSV | COL_JSON,
	  NULL },
	{ "file", "FROM", 5, ROW(file), COL_PATH, COL_CSV | COL_JSON, "-" },
	{ "line", NULL, 0, ROW(line), COL_LINE, COL_CSV | COL_JSON, NULL },
	{ "set_as", NULL, 0, ROW(set_as), COL_STR, COL_JSON | COL_OPT, NULL },
	{ "note", NULL, 0, ROW(note), COL_STR, COL_JSON | COL_OPT, NULL },
	{ "shadowed", NULL, 0, ROW(e), COL_SHADOWED, COL_CSV | COL_JSON,
	  NULL },
	{ NULL, NULL, 0, 0, COL_STR, 0, NULL },
};

/* scan --check pin: one row per phone. */
const struct report_col report_pin_cols[] = {
	{ "mac", "MAC", 1, ROW(mac), COL_STR, COL_CSV, NULL },
	{ "verdict", "VERDICT", 2, ROW(verdict), COL_STR, COL_CSV, NULL },
	{ "reason", "REASON", 3, ROW(reason), COL_STR, COL_CSV, NULL },
	{ NULL, NULL, 0, 0, COL_STR, 0, NULL },
};

/*
 * The columns of cols that text (and HTML) show, in their text order,
 * into out (room for 8); returns how many.
 */
size_t
report_text_cols(const struct report_col *cols, const struct report_col **out)
{
	const struct report_col	*c;
	size_t			 n = 0, k;

	/* One pass, each shown column put in place: a scan asks per phone. */
	for (c = cols; c->key != NULL; c++) {
		if (c->tpos < 1 || c->tpos > 8)
			continue;
		for (k = n++; k > 0 && out[k - 1]->tpos > c->tpos; k--)
			out[k] = out[k - 1];
		out[k] = c;
	}
	return n;
}

/*
 * ":N" for a line N > 0, at the end of buf (REPORT_LINE_MAX bytes); its
 * length.  fprintf() costs more than the rest of a row.
 */
size_t
report_line_str(char *buf, int line)
{
	char	*p = buf + REPORT_LINE_MAX;

	do
		*--p = (char)('0' + line % 10);
	while ((line /= 10) > 0);
	*--p = ':';
	return (size_t)(buf + REPORT_LINE_MAX - p);
}

static void
report_line(FILE *fp, int line)
{
	char	buf[REPORT_LINE_MAX];
	size_t	n = report_line_str(buf, line);

	fwrite(buf + sizeof(buf) - n, 1, n, fp);
}

/*
 * Write "file:line" (any URL password hidden), just the file when line is
 * 0, or none (if not NULL) when there is no file, each string through put,
 * the format's escape.  Written to fp, not formatted into a string: a scan
 * writes one per row.
 */
void
report_location(FILE *fp, const char *file, int line, const char *none,
    void (*put)(FILE *, const char *))
{
	char	*path;

	if (file == NULL) {
		if (none != NULL)
			put(fp, none);
		return;
	}
	/* Most paths hold no password: printed without a copy. */
	if (redact_url_hides(file)) {
		path = report_path(file);
		put(fp, path);
		free(path);
	} else
		put(fp, file);
	if (line > 0)
		report_line(fp, line);
}

/* The string cell col names in row (not for COL_LINE). */
const char *
report_cell(const struct report_row *row, const struct report_col *col)
{
	return *(const char *const *)((const char *)row + col->off);
}

/*
 * Parse a --format argument; allowed is a mask of (1 << FMT_*).  Returns
 * -1 for a name that is unknown or not allowed here.
 */
int
report_format(const char *name, int allowed, enum format *fmt)
{
	int	i;

	for (i = 0; i < FMT_COUNT; i++)
		if (report_formats[i] != NULL && (allowed & (1 << i)) &&
		    strcmp(name, report_formats[i]->name) == 0) {
			*fmt = (enum format)i;
			return 0;
		}
	return -1;
}

/* Whether format o offers kind: it has the operations kind needs. */
static int
offers(const struct report_ops *o, enum report_kind kind)
{
	switch (kind) {
	case REPORT_FILES:	return o->files != NULL;
	case REPORT_SHOW:	return o->show != NULL;
	case REPORT_SCAN:	return o->scan_phone != NULL &&
				    o->scan_pin != NULL;
	case REPORT_AUDIT:	return o->audit_phone != NULL;
	case REPORT_PIN:	return o->pin != NULL;
	case REPORT_DHCP:	return o->dhcp[DHCP_DECODE] != NULL;
	case REPORT_DIFF:	return o->change_phone != NULL;
	case REPORT_HISTORY:	return o->history != NULL && o->drift != NULL;
	case REPORT_LOGS:	return o->logs != NULL;
	case REPORT_KINDS:	break;
	}
	return 0;
}

/* The formats that offer kind, as a mask of (1 << FMT_*). */
int
report_offered(enum report_kind kind)
{
	int	i, mask = 0;

	for (i = 0; i < FMT_COUNT; i++)
		if (report_formats[i] != NULL &&
		    offers(report_formats[i], kind))
			mask |= 1 << i;
	return mask;
}

/* "text, json or csv": the names in mask, for messages.  Static buffer. */
const char *
report_format_list(int mask)
{
	static char	buf[128];
	int		i, n = 0, k = 0;

	for (i = 0; i < FMT_COUNT; i++)
		if ((mask & (1 << i)) && report_formats[i] != NULL)
			n++;
	buf[0] = '\0';
	for (i = 0; i < FMT_COUNT; i++) {
		if (!(mask & (1 << i)) || report_formats[i] == NULL)
			continue;
		if (k > 0)
			strcat(buf, k == n - 1 ? " or " : ", ");
		strcat(buf, report_formats[i]->name);
		k++;
	}
	return buf;
}

/*
 * Open a report on stdout, or on path (--output): then it is written to
 * a temporary file beside path and renamed over it when it closes, so a
 * reader (node_exporter's textfile collector) never sees half a report.
 * -1 with a malloced *cause when the file cannot be made.
 */
int
report_open(struct report *rep, enum format fmt, const char *path,
    char **cause)
{
	mode_t	mask;
	int	fd;

	memset(rep, 0, sizeof(*rep));
	rep->fmt = fmt;
	rep->ops = report_formats[fmt];
	rep->fp = stdout;
	if (path == NULL)
		return 0;
	rep->tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(rep->tmp)) == -1 ||
	    (rep->fp = fdopen(fd, "w")) == NULL) {
		*cause = xasprintf("cannot write %s: %s", path,
		    strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(rep->tmp);
		}
		free(rep->tmp);
		rep->tmp = NULL;
		rep->fp = stdout;
		return -1;
	}
	/* mkstemp() makes it 0600; the collector may run as another user. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	rep->path = xstrdup(path);
	return 0;
}

/*
 * Finish the report; with --output, put the file in place.  -1 with a
 * malloced *cause when it could not be written (the old file stays).
 */
int
report_close(struct report *rep, char **cause)
{
	size_t	i;
	int	rc = 0, saved;

	if (rep->ops->close != NULL)
		rep->ops->close(rep);
	strmap_free(rep->scan.counts, NULL);
	free(rep->scan.count);
	for (i = 0; i < rep->scan.nrows; i++)
		free(rep->scan.rows[i].key);
	free(rep->scan.rows);
	free(rep->scan.key);
	strmap_free(rep->flt.drifting, NULL);
	free(rep->share);
	if (rep->tmp == NULL) {
		fflush(rep->fp);
		return 0;
	}
	if (ferror(rep->fp) | fflush(rep->fp) | fsync(fileno(rep->fp)))
		rc = -1;
	saved = errno;
	if (fclose(rep->fp) != 0 && rc == 0)
		rc = -1, saved = errno;
	if (rc == 0 && rename(rep->tmp, rep->path) == -1)
		rc = -1, saved = errno;
	if (rc == -1) {
		*cause = xasprintf("cannot write %s: %s", rep->path,
		    strerror(saved));
		unlink(rep->tmp);
	}
	free(rep->tmp);
	free(rep->path);
	rep->fp = stdout;
	return rc;
}

/* Name the share the report is about (its password hidden). */
void
report_share(struct report *rep, const char *spec)
{
	free(rep->share);
	rep->share = report_path(spec);
}

void
report_files(struct report *rep, const struct resolution *r)
{
	rep->ops->files(rep, r);
}

/* "name^_value^_from" in the tally's key buffer. */
static void
make_key(struct scantally *t, const char *name, const char *value,
    const char *from)
{
	size_t	nl = strlen(name), vl = strlen(value), fl = strlen(from);
	char	*p;

	t->keylen = nl + vl + fl + 2;
	if (t->keylen + 1 > t->keycap) {
		t->keycap = (t->keylen + 1) * 2;
		t->key = xreallocarray(t->key, t->keycap, 1);
	}
	p = t->key;
	memcpy(p, name, nl);
	p[nl] = REPORT_SEPS[0];
	memcpy(p + nl + 1, value, vl);
	p[nl + 1 + vl] = REPORT_SEPS[0];
	memcpy(p + nl + 1 + vl + 1, from, fl + 1);
}

/*
 * Count one phone under "name^_value^_from" for its row pos.  Phone after
 * phone counts the same key in the same row (the site files' values):
 * comparing it with that row's last key spares the hash and the look-up.
 */
static void
tally_key(struct scantally *t, size_t pos, const char *name,
    const char *value, const char *from)
{
	struct tallyrow	 *row;
	void		**n;

	if (t->counts == NULL)
		t->counts = strmap_new();
	make_key(t, name, value, from);
	if (pos >= t->nrows) {
		t->rows = xrecallocarray(t->rows, t->nrows, pos + 1,
		    sizeof(*t->rows));
		t->nrows = pos + 1;
	}
	row = &t->rows[pos];
	if (row->key == NULL || row->len != t->keylen ||
	    memcmp(row->key, t->key, t->keylen) != 0) {
		n = strmap_slot(t->counts, t->key);
		if (*n == NULL) {
			if (t->ncount == t->countcap) {
				t->countcap = t->countcap ? t->countcap * 2 :
				    64;
				t->count = xreallocarray(t->count,
				    t->countcap, sizeof(*t->count));
			}
			t->count[t->ncount] = 0;
			*n = (void *)(uintptr_t)++t->ncount;
		}
		row->at = (uintptr_t)*n - 1;
		if (t->keylen > row->cap) {
			row->cap = t->keylen;
			row->key = xreallocarray(row->key, row->cap, 1);
		}
		memcpy(row->key, t->key, t->keylen);
		row->len = t->keylen;
	}
	t->count[row->at]++;
}

static void
tally_phone(struct scantally *t, const struct findings *fs)
{
	t->phones++;
	if (findings_worst(fs) == SEV_ERROR)
		t->failing++;
}

/* The parameters of one phone, counted for the summary. */
static void
tally_params(struct scantally *t, const struct showview *v)
{
	const struct eparam	*e;
	const char		*from;
	size_t			 i;

	for (i = 0; i < v->nparams; i++) {
		e = v->params[i];
		/* Each phone has its own override file: count them as one. */
		if (e->source == PSRC_PHONE_OVERRIDE)
			from = "phone-override files";
		else if (e->source == PSRC_WEB_OVERRIDE)
			from = "web-override files";
		else
			from = e->file ? e->file : psource_name(e->source);
		tally_key(t, i, e->name, e->value ?
		    report_value(v, e->name, e->value) : "(unset)", from);
	}
}

/* One phone of a scan: its rows, counted for the summary. */
void
report_scan_phone(struct report *rep, const struct showview *v)
{
	tally_params(&rep->scan, v);
	rep->ops->scan_phone(rep, v);
	tally_phone(&rep->scan, v->findings);
	rep->n++;
}

/* One phone's effective values; counted as a scan of one phone. */
void
report_show(struct report *rep, const struct showview *v)
{
	tally_params(&rep->scan, v);
	rep->ops->show(rep, v);
	tally_phone(&rep->scan, v->findings);
}

/*
 * The check that decides a PIN verdict, failures before unknowns: its
 * message, and its name in *what ("-" and "" when all passed).
 */
const char *
report_pin_reason(const struct pin_report *pr, const char **what)
{
	static const enum pin_status order[] = { PIN_FAIL, PIN_UNKNOWN };
	size_t	i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < pr->n; i++)
			if (pr->v[i].status == order[k]) {
				*what = pr->v[i].what;
				return pr->v[i].message;
			}
	*what = "-";
	return "";
}

/* One phone of scan --check pin; the deciding check stands for a file. */
void
report_scan_pin(struct report *rep, const char *mac,
    const struct pin_report *pr, const struct findings *fs)
{
	const char	*what;

	report_pin_reason(pr, &what);
	if (pr->verdict != PIN_YES)
		rep->scan.notyes++;
	rep->ops->scan_pin(rep, mac, pr);
	tally_key(&rep->scan, 0, "PIN sign-in offered",
	    pin_verdict_name(pr->verdict), what);
	tally_phone(&rep->scan, fs);
	rep->n++;
}

static int
cmpkey(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The scan's "name^_value^_from" keys, sorted; *keys is malloced. */
size_t
report_scan_sorted(const struct scantally *t, const char ***keys)
{
	size_t	i, n = t->counts ? strmap_count(t->counts) : 0;

	*keys = xreallocarray(NULL, n ? n : 1, sizeof(**keys));
	for (i = 0; i < n; i++)
		strmap_at(t->counts, i, &(*keys)[i]);
	report_sort_keys(*keys, n);
	return n;
}

static void
count_drift(struct fleettally *f, const char *what)
{
	uintptr_t	c;

	if (f->drifting == NULL)
		f->drifting = strmap_new();
	c = (uintptr_t)strmap_get(f->drifting, what);
	strmap_set(f->drifting, what, (void *)(c + 1));
}

/* Whether the phone runs another release than the share offers. */
static int
firmware_drifts(const struct resolution *r)
{
	size_t	i;

	for (i = 0; i < r->findings.n; i++)
		if (r->findings.v[i].code == FIND_FIRMWARE_DRIFT)
			return 1;
	return 0;
}

/*
 * Another provisioning server or another firmware release is drift: the
 * share is not what the phone runs.
 */
static void
tally_audit(struct fleettally *f, const struct auditview *v)
{
	const struct diff	*df = v->df;
	size_t			 i;
	int			 fw;

	if (df == NULL || v->res->kind != PHONE_OK) {
		f->failed++;
		return;
	}
	fw = firmware_drifts(v->r);
	if (df->count[V_DRIFT] + df->count[V_NOT_ON_PHONE] +
	    df->count[V_PHONE_ONLY] + df->count[V_ERROR] == 0 &&
	    v->prov != PROV_DIFFERENT && !fw) {
		f->matched++;
		return;
	}
	f->drifted++;
	if (v->prov == PROV_DIFFERENT)
		count_drift(f, "(provisioning server)");
	if (fw)
		count_drift(f, "(firmware)");
	for (i = 0; i < df->n; i++)
		if (df->rows[i].verdict == V_DRIFT ||
		    df->rows[i].verdict == V_PHONE_ONLY)
			count_drift(f, df->rows[i].share->name);
}

/* One audited phone, counted for the fleet summary. */
void
report_audit_phone(struct report *rep, const struct auditview *v)
{
	rep->ops->audit_phone(rep, v);
	fflush(rep->fp);
	tally_audit(&rep->flt, v);
	rep->n++;
}

struct namecount {
	const char	*name;
	size_t		 n;
};

static int
cmpcount(const void *x, const void *y)
{
	const struct namecount	*a = x, *b = y;

	return a->n < b->n ? 1 : a->n > b->n ? -1 : 0;
}

/*
 * The drifting names, most often first, and how many phones each: both
 * arrays malloced, names borrowed from the tally.
 */
size_t
report_fleet_sorted(const struct fleettally *f, const char ***names,
    size_t **counts)
{
	struct namecount	*v;
	size_t			 n, i;

	n = f->drifting ? strmap_count(f->drifting) : 0;
	v = xreallocarray(NULL, n ? n : 1, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i].n = (uintptr_t)strmap_at(f->drifting, i, &v[i].name);
	if (n > 0)
		qsort(v, n, sizeof(*v), cmpcount);
	*names = xreallocarray(NULL, n ? n : 1, sizeof(**names));
	*counts = xreallocarray(NULL, n ? n : 1, sizeof(**counts));
	for (i = 0; i < n; i++) {
		(*names)[i] = v[i].name;
		(*counts)[i] = v[i].n;
	}
	free(v);
	return n;
}

/* A fleet's progress on a terminal: one line, rewritten in place. */
void
report_progress(time_t start, size_t finished, size_t total, size_t failed)
{
	double	secs = difftime(time(NULL), start), rate;

	rate = secs > 0 ? finished / secs : 0;
	fprintf(stderr, "\r\033[K%zu/%zu phones, %zu failed, %.1f/s", finished,
	    total, failed, rate);
	if (rate > 0 && finished < total)
		fprintf(stderr, ", ETA %.0fs", (total - finished) / rate);
}

void
report_progress_clear(void)
{
	fputs("\r\033[K", stderr);
}

void
report_pin(struct report *rep, const char *mac, const struct pin_report *pr)
{
	rep->ops->pin(rep, mac, pr);
}

/* The one view of a dhcp subcommand. */
void
report_dhcp(struct report *rep, const struct dhcpview *v)
{
	rep->ops->dhcp[v->kind](rep, v);
}

/* The row of one effective parameter. */
void
report_param_row(struct report_row *row, const struct showview *v,
    const struct eparam *e)
{
	memset(row, 0, sizeof(*row));
	row->mac = v->r->mac;
	row->name = e->name;
	row->value = report_value(v, e->name, e->value);
	row->source = psource_name(e->source);
	row->file = e->file;
	row->line = e->line;
	if (e->setname != NULL && strcmp(e->setname, e->name) != 0)
		row->set_as = e->setname;
	row->note = e->note;
	row->e = e;
	row->show_secrets = v->show_secrets;
}

/* The row of one audited parameter. */
void
report_audit_row(struct report_row *row, const struct auditview *a,
    const struct diffrow *d)
{
	memset(row, 0, sizeof(*row));
	row->host = a->res->host;
	row->mac = a->res->id.mac;
	row->name = d->share->name;
	row->value = report_secret(a->show_secrets, d->share->name,
	    d->share->value);
	row->file = d->share->file;
	row->line = d->share->line;
	row->source = psource_name(d->share->source);
	row->phone_value = report_secret(a->show_secrets, d->share->name,
	    d->phone_value);
	row->phone_source = d->phone_source;
	row->verdict = verdict_name(d->verdict);
	row->reason = d->reason;
	row->show_secrets = a->show_secrets;
}

/*
 * Key i of the sorted tally keys, taken apart: name, value, the winning
 * file, its count, and whether name and value differ from key i - 1's.
 */
void
report_key_parts(const struct scantally *t, const char **keys, size_t i,
    struct keyparts *kp)
{
	const char	*k = keys[i], *v, *pk, *pv;
	size_t		 nl, vl, pnl, pvl;

	nl = strcspn(k, REPORT_SEPS);
	v = k + nl + 1;
	vl = strcspn(v, REPORT_SEPS);
	kp->name = xstrndup(k, nl);
	kp->value = xstrndup(v, vl);
	kp->from = v + vl + 1;
	kp->count = t->count[(uintptr_t)strmap_get(t->counts, k) - 1];
	kp->newname = kp->newvalue = 1;
	if (i == 0)
		return;
	pk = keys[i - 1];
	pnl = strcspn(pk, REPORT_SEPS);
	pv = pk + pnl + 1;
	pvl = strcspn(pv, REPORT_SEPS);
	kp->newname = pnl != nl || strncmp(k, pk, nl) != 0;
	kp->newvalue = kp->newname || pvl != vl || strncmp(v, pv, vl) != 0;
}

void
report_key_parts_free(struct keyparts *kp)
{
	free(kp->name);
	free(kp->value);
}

/* Sort keys by strcmp(). */
void
report_sort_keys(const char **keys, size_t n)
{
	if (n > 0)
		qsort(keys, n, sizeof(*keys), cmpkey);
}

/*
 * The time a report says it was made: now, or SOURCE_DATE_EPOCH when set,
 * so that the same input gives the same bytes (tests, reproducible runs).
 */
time_t
report_now(void)
{
	const char	*s = getenv("SOURCE_DATE_EPOCH");
	char		*end;
	long long	 t;

	if (s != NULL && *s != '\0') {
		t = strtoll(s, &end, 10);
		if (*end == '\0' && t >= 0)
			return (time_t)t;
	}
	return time(NULL);
}

/* The value to print for parameter name: "***" for secrets. */
const char *
report_secret(int show, const char *name, const char *value)
{
	return show ? value : redact_value(name, value);
}

const char *
report_value(const struct showview *v, const char *name, const char *value)
{
	return report_secret(v->show_secrets, name, value);
}

/* A file path fit to print: URL entries lose their passwords. Malloced. */
char *
report_path(const char *path)
{
	return redact_url(path);
}

/* The changes of one phone that diff found. */
void
report_change_phone(struct report *rep, const struct change_phone *cp)
{
	rep->ops->change_phone(rep, cp);
	rep->n++;
}

/* The end of a diff: its summary. */
void
report_change_end(struct report *rep, const struct change_totals *t)
{
	rep->ops->change_end(rep, t);
}

/* One change from the recorded history. */
void
report_history(struct report *rep, const struct store_event *e)
{
	rep->ops->history(rep, e);
	rep->n++;
}

/* An override file's "Created" comment date, or NULL. */
const char *
report_created(const struct chainfile *f)
{
	return f->role != ROLE_CONFIG && f->cf != NULL ? f->cf->created :
	    NULL;
}

/* One phone's uploads, counted for the summary. */
void
report_logs(struct report *rep, const struct logcheck *lc)
{
	size_t	i;
	int	other = 0;

	for (i = 0; i < lc->findings.n; i++)
		if (lc->findings.v[i].code != FIND_UPLOADS_STALE)
			other = 1;
	rep->logs.phones++;
	rep->logs.stale += lc->stale == LOGSTALE_YES;
	rep->logs.unknown += lc->stale == LOGSTALE_UNKNOWN;
	rep->logs.flagged += other;
	rep->ops->logs(rep, lc);
	rep->n++;
}

/* The end of a report of kind k: the summary of what was tallied. */
void
report_end(struct report *rep, enum report_kind k)
{
	if (rep->ops->end[k] != NULL)
		rep->ops->end[k](rep);
}

/* One phone's first drift. */
void
report_drift(struct report *rep, const struct store_drift *d)
{
	rep->ops->drift(rep, d);
	rep->n++;
}

/* The end of the history, or of the first drifts when drifts is 1. */
void
report_history_end(struct report *rep, int drifts)
{
	if (rep->ops->history_end != NULL)
		rep->ops->history_end(rep, drifts);
}
