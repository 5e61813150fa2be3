/*
 * JSON output, the stable contract documented in polyaudit(1).  Keys are
 * always present; absent values are null, never missing.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "phone.h"
#include "pin.h"
#include "provserver.h"
#include "report.h"
#include "xalloc.h"

/* Length of the valid UTF-8 sequence at s, or 0 (as jansson judges). */
static size_t
utf8_len(const unsigned char *s)
{
	size_t		n, i;
	unsigned int	c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond U+10FFFF are not UTF-8. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return n;
}

/*
 * A JSON string, or null for NULL.  File names and --model are bytes, not
 * necessarily UTF-8, which jansson refuses: the key would vanish, so each
 * byte that is not UTF-8 becomes U+FFFD instead.
 */
static json_t *
jstr(const char *s)
{
	const unsigned char	*p;
	json_t			*j;
	char			*fixed, *o;
	size_t			 n;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	o = fixed = xmalloc(strlen(s) * 3 + 1);
	for (p = (const unsigned char *)s; *p != '\0'; p += n)
		if ((n = utf8_len(p)) == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			n = 1;
		} else {
			memcpy(o, p, n);
			o += n;
		}
	*o = '\0';
	j = json_string(fixed);
	free(fixed);
	return j;
}

/* A path, with any URL password hidden. */
static json_t *
jpath(const char *s)
{
	json_t	*j;
	char	*p;

	if (s == NULL)
		return json_null();
	p = report_path(s);
	j = jstr(p);
	free(p);
	return j;
}

static json_t *
jline(int line)
{
	return line > 0 ? json_integer(line) : json_null();
}

/*
 * Write root and a newline, and free it.  A line is dumped into a buffer
 * and written at once: json_dumpf() calls fwrite() for every token, which
 * cost a scan's JSON Lines more than building them.
 */
static void
emit(FILE *fp, json_t *root, size_t flags)
{
	char	buf[8192];
	size_t	n;

	n = json_dumpb(root, buf, sizeof(buf), flags);
	if (n > 0 && n <= sizeof(buf))
		fwrite(buf, 1, n, fp);
	else
		json_dumpf(root, fp, flags);
	fputc('\n', fp);
	json_decref(root);
}

static json_t *
files_json(const struct resolution *r)
{
	const struct chainfile	*f;
	json_t			*arr, *o;
	size_t			 i;

	arr = json_array();
	for (i = 0; i < r->nfiles; i++) {
		f = &r->files[i];
		o = json_object();
		json_object_set_new(o, "path", jpath(f->path));
		json_object_set_new(o, "role", jstr(role_name(f->role)));
		json_object_set_new(o, "status",
		    jstr(cfg_status_name(f->status)));
		if (f->status != CFG_OK) {
			json_object_set_new(o, "error", jstr(f->error ?
			    f->error : "no such file on the share"));
			if (f->errline > 0)
				json_object_set_new(o, "error_line",
				    json_integer(f->errline));
		}
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *
param_json(const struct showview *v, const struct eparam *e)
{
	const struct origin	*s;
	json_t			*o, *sh, *so;
	size_t			 k;

	o = json_object();
	json_object_set_new(o, "name", jstr(e->name));
	json_object_set_new(o, "value",
	    jstr(report_value(v, e->name, e->value)));
	json_object_set_new(o, "source", jstr(psource_name(e->source)));
	json_object_set_new(o, "file", jpath(e->file));
	json_object_set_new(o, "line", jline(e->file ? e->line : 0));
	if (e->setname != NULL && strcmp(e->setname, e->name) != 0)
		json_object_set_new(o, "set_as", jstr(e->setname));
	if (e->note != NULL)
		json_object_set_new(o, "note", jstr(e->note));
	sh = json_array();
	for (k = 0; k < e->nshadowed; k++) {
		s = &e->shadowed[k];
		so = json_object();
		json_object_set_new(so, "value",
		    jstr(report_value(v, e->name, s->value)));
		json_object_set_new(so, "file", jpath(s->file));
		json_object_set_new(so, "line", jline(s->line));
		json_array_append_new(sh, so);
	}
	json_object_set_new(o, "shadowed", sh);
	return o;
}

static json_t *
findings_json(const struct findings *fs)
{
	const struct finding	*f;
	json_t			*arr, *o;
	size_t			 i;

	arr = json_array();
	for (i = 0; i < fs->n; i++) {
		f = &fs->v[i];
		o = json_object();
		json_object_set_new(o, "severity",
		    jstr(severity_name(f->sev)));
		json_object_set_new(o, "code", jstr(findings_name(f->code)));
		json_object_set_new(o, "message", jstr(f->message));
		json_object_set_new(o, "file", jpath(f->file));
		json_object_set_new(o, "line", jline(f->line));
		json_array_append_new(arr, o);
	}
	return arr;
}

static void
dump(FILE *fp, json_t *root)
{
	emit(fp, root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
}

void
report_files_json(FILE *fp, const struct resolution *r)
{
	json_t	*root;

	root = json_object();
	json_object_set_new(root, "mac", jstr(r->mac));
	json_object_set_new(root, "model", jstr(r->model));
	json_object_set_new(root, "master", jpath(r->master));
	json_object_set_new(root, "files", files_json(r));
	json_object_set_new(root, "findings", findings_json(&r->findings));
	dump(fp, root);
}

void
report_show_json(FILE *fp, const struct showview *v)
{
	json_t	*root, *params;
	size_t	 i;

	root = json_object();
	json_object_set_new(root, "mac", jstr(v->r->mac));
	json_object_set_new(root, "model", jstr(v->r->model));
	json_object_set_new(root, "master", jpath(v->r->master));
	json_object_set_new(root, "files", files_json(v->r));
	params = json_array();
	for (i = 0; i < v->nparams; i++)
		json_array_append_new(params, param_json(v, v->params[i]));
	json_object_set_new(root, "params", params);
	json_object_set_new(root, "findings", findings_json(v->findings));
	dump(fp, root);
}

/* One phone on one line (JSON Lines), for scan. */
void
report_line_json(FILE *fp, const struct showview *v)
{
	json_t	*root, *params;
	size_t	 i, errors = 0;

	for (i = 0; i < v->findings->n; i++)
		if (v->findings->v[i].sev == SEV_ERROR)
			errors++;
	root = json_object();
	json_object_set_new(root, "mac", jstr(v->r->mac));
	json_object_set_new(root, "model", jstr(v->r->model));
	json_object_set_new(root, "master", jpath(v->r->master));
	params = json_array();
	for (i = 0; i < v->nparams; i++)
		json_array_append_new(params, param_json(v, v->params[i]));
	json_object_set_new(root, "params", params);
	json_object_set_new(root, "errors", json_integer((json_int_t)errors));
	emit(fp, root, JSON_COMPACT | JSON_PRESERVE_ORDER);
}

/* One phone's audit; compact for JSON Lines (fleets). */
void
report_audit_json(FILE *fp, const struct auditview *a, int compact)
{
	const struct phone_result	*res = a->res;
	const struct diffrow		*d;
	json_t				*root, *ph, *rows, *o, *sum;
	size_t				 i;
	int				 v;

	root = json_object();
	ph = json_object();
	json_object_set_new(ph, "host", jstr(res->host));
	json_object_set_new(ph, "mac", res->id.mac[0] ? jstr(
	    res->id.mac) : json_null());
	json_object_set_new(ph, "model", jstr(res->id.model));
	json_object_set_new(ph, "firmware", jstr(res->id.firmware));
	json_object_set_new(ph, "prov_server", jstr(res->id.prov_server));
	json_object_set_new(ph, "prov_type", jstr(res->id.prov_type));
	json_object_set_new(root, "phone", ph);
	json_object_set_new(root, "share", jstr(a->share));
	json_object_set_new(root, "master", jpath(a->r ? a->r->master : NULL));
	json_object_set_new(root, "error", jstr(res->error));
	json_object_set_new(root, "insecure", json_boolean(res->insecure));
	json_object_set_new(root, "tls_warning", jstr(res->tls_warning));
	o = json_object();
	json_object_set_new(o, "match", a->prov_why ? jstr(
	    prov_match_name(a->prov)) : json_null());
	json_object_set_new(o, "reason", jstr(a->prov_why));
	json_object_set_new(root, "provisioning", o);
	rows = json_array();
	for (i = 0; a->df != NULL && i < a->df->n; i++) {
		d = &a->df->rows[i];
		o = json_object();
		json_object_set_new(o, "name", jstr(d->share->name));
		json_object_set_new(o, "file_value", jstr(report_secret(
		    a->show_secrets, d->share->name, d->share->value)));
		json_object_set_new(o, "file", jpath(d->share->file));
		json_object_set_new(o, "line", jline(d->share->file ?
		    d->share->line : 0));
		json_object_set_new(o, "file_source",
		    jstr(psource_name(d->share->source)));
		json_object_set_new(o, "phone_value", jstr(report_secret(
		    a->show_secrets, d->share->name, d->phone_value)));
		json_object_set_new(o, "phone_source", jstr(d->phone_source));
		json_object_set_new(o, "verdict",
		    jstr(verdict_name(d->verdict)));
		json_object_set_new(o, "reason", jstr(d->reason));
		json_array_append_new(rows, o);
	}
	json_object_set_new(root, "results", rows);
	sum = json_object();
	for (v = 0; v < V_COUNT; v++)
		json_object_set_new(sum, verdict_name(v), json_integer(
		    a->df ? (json_int_t)a->df->count[v] : 0));
	json_object_set_new(root, "summary", sum);
	json_object_set_new(root, "findings", a->r ? findings_json(
	    &a->r->findings) : json_array());
	emit(fp, root, (compact ? JSON_COMPACT : JSON_INDENT(2)) |
	    JSON_PRESERVE_ORDER);
}

/* {"mac", "verdict", "checks": [{"check", "status", "message", "file",
 * "line"}]}, compact for scan's JSON Lines. */
void
report_pin_json(FILE *fp, const char *mac, const struct pin_report *pr,
    int compact)
{
	json_t	*root, *arr, *o;
	size_t	 i;

	root = json_object();
	json_object_set_new(root, "mac", jstr(mac));
	json_object_set_new(root, "verdict",
	    jstr(pin_verdict_name(pr->verdict)));
	arr = json_array();
	for (i = 0; i < pr->n; i++) {
		o = json_object();
		json_object_set_new(o, "check", jstr(pr->v[i].what));
		json_object_set_new(o, "status",
		    jstr(pin_status_name(pr->v[i].status)));
		json_object_set_new(o, "message", jstr(pr->v[i].message));
		json_object_set_new(o, "file", jpath(pr->v[i].file));
		json_object_set_new(o, "line", jline(pr->v[i].line));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "checks", arr);
	emit(fp, root, (compact ? JSON_COMPACT : JSON_INDENT(2)) |
	    JSON_PRESERVE_ORDER);
}
