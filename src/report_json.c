/*
 * JSON output, the stable contract documented in polyaudit(1).  Keys are
 * always present; absent values are null, never missing.
 *
 * Documents are written as they go, not built with jansson and dumped: a
 * scan writes one per phone, and the trees and jansson's dumper, which
 * checks every object for cycles, took a sixth of its time.  The bytes
 * are jansson's: the JSON_INDENT(2) or JSON_COMPACT layout, only '"', '\\'
 * and control characters escaped, and a string json_string() would refuse
 * (not UTF-8) left out together with its key.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phone.h"
#include "pin.h"
#include "report.h"
#include "xalloc.h"

#define INDENT	2		/* spaces per level when not compact */

struct jw {
	char	*p;		/* the document so far */
	size_t	 len;
	size_t	 size;
	int	 compact;	/* one line, no spaces */
	int	 depth;
	int	 first;		/* the innermost container is still empty */
};

static void
put(struct jw *w, const char *s, size_t n)
{
	if (w->size - w->len < n) {
		while (w->size - w->len < n)
			w->size = w->size ? w->size * 2 : 1024;
		w->p = xreallocarray(w->p, w->size, 1);
	}
	memcpy(w->p + w->len, s, n);
	w->len += n;
}

/* UTF-8 as jansson checks it: no overlong forms, surrogates or > U+10FFFF. */
static int
is_utf8(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c;
	int			 i, n;

	while (*p != '\0') {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf) {
			n = 1;
			c = *p & 0x1f;
		} else if (*p >= 0xe0 && *p <= 0xef) {
			n = 2;
			c = *p & 0x0f;
		} else if (*p >= 0xf0 && *p <= 0xf4) {
			n = 3;
			c = *p & 0x07;
		} else
			return 0;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (p[i] & 0x3f);
		}
		if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ||
		    (n == 2 && c < 0x800) || (n == 3 && c < 0x10000))
			return 0;
		p += n + 1;
	}
	return 1;
}

/* A quoted string: only '"', '\\' and control characters escaped. */
static void
put_string(struct jw *w, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const char		*run = s;
	char			 esc[6] = { '\\', 'u', '0', '0' };
	unsigned char		 c;

	put(w, "\"", 1);
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(w, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"':
			put(w, "\\\"", 2);
			break;
		case '\\':
			put(w, "\\\\", 2);
			break;
		case '\b':
			put(w, "\\b", 2);
			break;
		case '\f':
			put(w, "\\f", 2);
			break;
		case '\n':
			put(w, "\\n", 2);
			break;
		case '\r':
			put(w, "\\r", 2);
			break;
		case '\t':
			put(w, "\\t", 2);
			break;
		default:
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0xf];
			put(w, esc, sizeof(esc));
			break;
		}
	}
	put(w, run, (size_t)(s - run));
	put(w, "\"", 1);
}

/* Start a member (with key) or an array element (key NULL). */
static void
item(struct jw *w, const char *key)
{
	int	n;

	if (!w->first)
		put(w, ",", 1);
	w->first = 0;
	if (!w->compact && w->depth > 0) {
		put(w, "\n", 1);
		for (n = w->depth * INDENT; n > 0; n--)
			put(w, " ", 1);
	}
	if (key != NULL) {
		put_string(w, key);
		put(w, ": ", w->compact ? 1 : 2);
	}
}

/* Open an object ('{') or an array ('['). */
static void
jw_open(struct jw *w, const char *key, char brace)
{
	item(w, key);
	put(w, &brace, 1);
	w->depth++;
	w->first = 1;
}

static void
jw_close(struct jw *w, char brace)
{
	int	n;

	w->depth--;
	if (!w->compact && !w->first) {
		put(w, "\n", 1);
		for (n = w->depth * INDENT; n > 0; n--)
			put(w, " ", 1);
	}
	put(w, &brace, 1);
	w->first = 0;
}

/* null, true or false. */
static void
jw_literal(struct jw *w, const char *key, const char *lit)
{
	item(w, key);
	put(w, lit, strlen(lit));
}

static void
jw_int(struct jw *w, const char *key, long long v)
{
	char	buf[32];
	int	n;

	item(w, key);
	n = snprintf(buf, sizeof(buf), "%lld", v);
	put(w, buf, (size_t)n);
}

/* As json_string(): nothing at all for NULL or a string not UTF-8. */
static void
jw_string(struct jw *w, const char *key, const char *s)
{
	if (s == NULL || !is_utf8(s))
		return;
	item(w, key);
	put_string(w, s);
}

/* A string or null. */
static void
jw_str(struct jw *w, const char *key, const char *s)
{
	if (s == NULL)
		jw_literal(w, key, "null");
	else
		jw_string(w, key, s);
}

/* A path, with any URL password hidden, or null. */
static void
jw_path(struct jw *w, const char *key, const char *s)
{
	char	*p;

	if (s == NULL) {
		jw_literal(w, key, "null");
		return;
	}
	p = report_path(s);
	jw_string(w, key, p);
	free(p);
}

static void
jw_line(struct jw *w, const char *key, int line)
{
	if (line > 0)
		jw_int(w, key, line);
	else
		jw_literal(w, key, "null");
}

/* Print the document and a newline. */
static void
jw_end(struct jw *w, FILE *fp)
{
	put(w, "\n", 1);
	fwrite(w->p, 1, w->len, fp);
	free(w->p);
}

static void
files_json(struct jw *w, const struct resolution *r)
{
	const struct chainfile	*f;
	size_t			 i;

	jw_open(w, "files", '[');
	for (i = 0; i < r->nfiles; i++) {
		f = &r->files[i];
		jw_open(w, NULL, '{');
		jw_path(w, "path", f->path);
		jw_string(w, "role", role_name(f->role));
		jw_string(w, "status", cfg_status_name(f->status));
		if (f->status != CFG_OK) {
			jw_str(w, "error", f->error ? f->error :
			    "no such file on the share");
			if (f->errline > 0)
				jw_int(w, "error_line", f->errline);
		}
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void
param_json(struct jw *w, const struct showview *v, const struct eparam *e)
{
	const struct origin	*s;
	size_t			 k;

	jw_open(w, NULL, '{');
	jw_string(w, "name", e->name);
	jw_str(w, "value", report_value(v, e->name, e->value));
	jw_string(w, "source", psource_name(e->source));
	jw_path(w, "file", e->file);
	jw_line(w, "line", e->file ? e->line : 0);
	if (e->setname != NULL && strcmp(e->setname, e->name) != 0)
		jw_string(w, "set_as", e->setname);
	if (e->note != NULL)
		jw_string(w, "note", e->note);
	jw_open(w, "shadowed", '[');
	for (k = 0; k < e->nshadowed; k++) {
		s = &e->shadowed[k];
		jw_open(w, NULL, '{');
		jw_str(w, "value", report_value(v, e->name, s->value));
		jw_path(w, "file", s->file);
		jw_line(w, "line", s->line);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

static void
params_json(struct jw *w, const struct showview *v)
{
	size_t	i;

	jw_open(w, "params", '[');
	for (i = 0; i < v->nparams; i++)
		param_json(w, v, v->params[i]);
	jw_close(w, ']');
}

static void
findings_json(struct jw *w, const struct findings *fs)
{
	const struct finding	*f;
	size_t			 i;

	jw_open(w, "findings", '[');
	for (i = 0; fs != NULL && i < fs->n; i++) {
		f = &fs->v[i];
		jw_open(w, NULL, '{');
		jw_string(w, "severity", severity_name(f->sev));
		jw_string(w, "code", f->code);
		jw_string(w, "message", f->message);
		jw_path(w, "file", f->file);
		jw_line(w, "line", f->line);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

void
report_files_json(FILE *fp, const struct resolution *r)
{
	struct jw	w = { .first = 1 };

	jw_open(&w, NULL, '{');
	jw_string(&w, "mac", r->mac);
	jw_str(&w, "model", r->model);
	jw_path(&w, "master", r->master);
	files_json(&w, r);
	findings_json(&w, &r->findings);
	jw_close(&w, '}');
	jw_end(&w, fp);
}

void
report_show_json(FILE *fp, const struct showview *v)
{
	struct jw	w = { .first = 1 };

	jw_open(&w, NULL, '{');
	jw_string(&w, "mac", v->r->mac);
	jw_str(&w, "model", v->r->model);
	jw_path(&w, "master", v->r->master);
	files_json(&w, v->r);
	params_json(&w, v);
	findings_json(&w, v->findings);
	jw_close(&w, '}');
	jw_end(&w, fp);
}

/* One phone on one line (JSON Lines), for scan. */
void
report_line_json(FILE *fp, const struct showview *v)
{
	struct jw	w = { .compact = 1, .first = 1 };
	size_t		i, errors = 0;

	for (i = 0; i < v->findings->n; i++)
		if (v->findings->v[i].sev == SEV_ERROR)
			errors++;
	jw_open(&w, NULL, '{');
	jw_string(&w, "mac", v->r->mac);
	jw_str(&w, "model", v->r->model);
	jw_path(&w, "master", v->r->master);
	params_json(&w, v);
	jw_int(&w, "errors", (long long)errors);
	jw_close(&w, '}');
	jw_end(&w, fp);
}

/* One phone's audit; compact for JSON Lines (fleets). */
void
report_audit_json(FILE *fp, const struct auditview *a, int compact)
{
	const struct phone_result	*res = a->res;
	const struct diffrow		*d;
	struct jw			 w = { .compact = compact, .first = 1 };
	size_t				 i;
	int				 v;

	jw_open(&w, NULL, '{');
	jw_open(&w, "phone", '{');
	jw_string(&w, "host", res->host);
	jw_str(&w, "mac", res->id.mac[0] ? res->id.mac : NULL);
	jw_str(&w, "model", res->id.model);
	jw_str(&w, "firmware", res->id.firmware);
	jw_str(&w, "prov_server", res->id.prov_server);
	jw_str(&w, "prov_type", res->id.prov_type);
	jw_close(&w, '}');
	jw_string(&w, "share", a->share);
	jw_path(&w, "master", a->r ? a->r->master : NULL);
	jw_str(&w, "error", res->error);
	jw_literal(&w, "insecure", res->insecure ? "true" : "false");
	jw_str(&w, "tls_warning", res->tls_warning);
	jw_open(&w, "results", '[');
	for (i = 0; a->df != NULL && i < a->df->n; i++) {
		d = &a->df->rows[i];
		jw_open(&w, NULL, '{');
		jw_string(&w, "name", d->share->name);
		jw_str(&w, "file_value", report_secret(a->show_secrets,
		    d->share->name, d->share->value));
		jw_path(&w, "file", d->share->file);
		jw_line(&w, "line", d->share->file ? d->share->line : 0);
		jw_string(&w, "file_source", psource_name(d->share->source));
		jw_str(&w, "phone_value", report_secret(a->show_secrets,
		    d->share->name, d->phone_value));
		jw_str(&w, "phone_source", d->phone_source);
		jw_string(&w, "verdict", verdict_name(d->verdict));
		jw_str(&w, "reason", d->reason);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_open(&w, "summary", '{');
	for (v = 0; v < V_COUNT; v++)
		jw_int(&w, verdict_name(v), a->df ? (long long)a->df->count[v] :
		    0);
	jw_close(&w, '}');
	findings_json(&w, a->r ? &a->r->findings : NULL);
	jw_close(&w, '}');
	jw_end(&w, fp);
}

/* {"mac", "verdict", "checks": [{"check", "status", "message", "file",
 * "line"}]}, compact for scan's JSON Lines. */
void
report_pin_json(FILE *fp, const char *mac, const struct pin_report *pr,
    int compact)
{
	struct jw	w = { .compact = compact, .first = 1 };
	size_t		i;

	jw_open(&w, NULL, '{');
	jw_string(&w, "mac", mac);
	jw_string(&w, "verdict", pin_verdict_name(pr->verdict));
	jw_open(&w, "checks", '[');
	for (i = 0; i < pr->n; i++) {
		jw_open(&w, NULL, '{');
		jw_string(&w, "check", pr->v[i].what);
		jw_string(&w, "status", pin_status_name(pr->v[i].status));
		jw_string(&w, "message", pr->v[i].message);
		jw_path(&w, "file", pr->v[i].file);
		jw_line(&w, "line", pr->v[i].line);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_close(&w, '}');
	jw_end(&w, fp);
}
