/*
 * JSON output, the stable contract documented in polyaudit(1).  Keys are
 * always present; absent values are null, never missing.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "phone.h"
#include "pin.h"
#include "report.h"
#include "xalloc.h"

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
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
	j = json_string(p);
	free(p);
	return j;
}

static json_t *
jline(int line)
{
	return line > 0 ? json_integer(line) : json_null();
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
		json_object_set_new(o, "role", json_string(role_name(f->role)));
		json_object_set_new(o, "status",
		    json_string(cfg_status_name(f->status)));
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
	json_object_set_new(o, "name", json_string(e->name));
	json_object_set_new(o, "value",
	    jstr(report_value(v, e->name, e->value)));
	json_object_set_new(o, "source", json_string(psource_name(e->source)));
	json_object_set_new(o, "file", jpath(e->file));
	json_object_set_new(o, "line", jline(e->file ? e->line : 0));
	if (e->setname != NULL && strcmp(e->setname, e->name) != 0)
		json_object_set_new(o, "set_as", json_string(e->setname));
	if (e->note != NULL)
		json_object_set_new(o, "note", json_string(e->note));
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
		    json_string(severity_name(f->sev)));
		json_object_set_new(o, "code", json_string(f->code));
		json_object_set_new(o, "message", json_string(f->message));
		json_object_set_new(o, "file", jpath(f->file));
		json_object_set_new(o, "line", jline(f->line));
		json_array_append_new(arr, o);
	}
	return arr;
}

struct outbuf {
	char	*p;
	size_t	 len;
	size_t	 size;
};

static int
append(const char *s, size_t n, void *data)
{
	struct outbuf	*b = data;

	if (b->size - b->len < n) {
		while (b->size - b->len < n)
			b->size = b->size ? b->size * 2 : 1024;
		b->p = xreallocarray(b->p, b->size, 1);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	return 0;
}

/* A string as jansson writes it: only '"', '\\' and controls escaped. */
static void
put_string(struct outbuf *b, const char *s, size_t len)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const char		*end = s + len, *run = s;
	char			 esc[6] = { '\\', 'u', '0', '0' };
	unsigned char		 c;

	append("\"", 1, b);
	for (; s < end; s++) {
		c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		append(run, (size_t)(s - run), b);
		run = s + 1;
		switch (c) {
		case '"':
			append("\\\"", 2, b);
			break;
		case '\\':
			append("\\\\", 2, b);
			break;
		case '\b':
			append("\\b", 2, b);
			break;
		case '\f':
			append("\\f", 2, b);
			break;
		case '\n':
			append("\\n", 2, b);
			break;
		case '\r':
			append("\\r", 2, b);
			break;
		case '\t':
			append("\\t", 2, b);
			break;
		default:
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0xf];
			append(esc, sizeof(esc), b);
			break;
		}
	}
	append(run, (size_t)(s - run), b);
	append("\"", 1, b);
}

/*
 * What json_dumpf() writes with JSON_COMPACT, without its check for
 * cycles: that costs an snprintf of a pointer and a hash table insert for
 * every object and array, most of a scan's JSON output time.  Our trees
 * are built here and acyclic.  Numbers and literals are jansson's own.
 */
static void
put_compact(struct outbuf *b, json_t *j)
{
	const char	*key;
	json_t		*v;
	size_t		 i;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		append("{", 1, b);
		i = 0;
		json_object_foreach(j, key, v) {
			if (i++ > 0)
				append(",", 1, b);
			put_string(b, key, strlen(key));
			append(":", 1, b);
			put_compact(b, v);
		}
		append("}", 1, b);
		break;
	case JSON_ARRAY:
		append("[", 1, b);
		json_array_foreach(j, i, v) {
			if (i > 0)
				append(",", 1, b);
			put_compact(b, v);
		}
		append("]", 1, b);
		break;
	case JSON_STRING:
		put_string(b, json_string_value(j), json_string_length(j));
		break;
	default:
		json_dump_callback(j, append, b, JSON_ENCODE_ANY);
		break;
	}
}

/* Print root, compact on one line or indented, and a newline; frees root. */
static void
dump(FILE *fp, json_t *root, int compact)
{
	struct outbuf	b = { NULL, 0, 0 };

	if (compact) {
		put_compact(&b, root);
		append("\n", 1, &b);
		fwrite(b.p, 1, b.len, fp);
		free(b.p);
	} else {
		json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', fp);
	}
	json_decref(root);
}

void
report_files_json(FILE *fp, const struct resolution *r)
{
	json_t	*root;

	root = json_object();
	json_object_set_new(root, "mac", json_string(r->mac));
	json_object_set_new(root, "model", jstr(r->model));
	json_object_set_new(root, "master", jpath(r->master));
	json_object_set_new(root, "files", files_json(r));
	json_object_set_new(root, "findings", findings_json(&r->findings));
	dump(fp, root, 0);
}

void
report_show_json(FILE *fp, const struct showview *v)
{
	json_t	*root, *params;
	size_t	 i;

	root = json_object();
	json_object_set_new(root, "mac", json_string(v->r->mac));
	json_object_set_new(root, "model", jstr(v->r->model));
	json_object_set_new(root, "master", jpath(v->r->master));
	json_object_set_new(root, "files", files_json(v->r));
	params = json_array();
	for (i = 0; i < v->nparams; i++)
		json_array_append_new(params, param_json(v, v->params[i]));
	json_object_set_new(root, "params", params);
	json_object_set_new(root, "findings", findings_json(v->findings));
	dump(fp, root, 0);
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
	json_object_set_new(root, "mac", json_string(v->r->mac));
	json_object_set_new(root, "model", jstr(v->r->model));
	json_object_set_new(root, "master", jpath(v->r->master));
	params = json_array();
	for (i = 0; i < v->nparams; i++)
		json_array_append_new(params, param_json(v, v->params[i]));
	json_object_set_new(root, "params", params);
	json_object_set_new(root, "errors", json_integer((json_int_t)errors));
	dump(fp, root, 1);
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
	json_object_set_new(ph, "host", json_string(res->host));
	json_object_set_new(ph, "mac", res->id.mac[0] ? json_string(
	    res->id.mac) : json_null());
	json_object_set_new(ph, "model", jstr(res->id.model));
	json_object_set_new(ph, "firmware", jstr(res->id.firmware));
	json_object_set_new(ph, "prov_server", jstr(res->id.prov_server));
	json_object_set_new(ph, "prov_type", jstr(res->id.prov_type));
	json_object_set_new(root, "phone", ph);
	json_object_set_new(root, "share", json_string(a->share));
	json_object_set_new(root, "master", jpath(a->r ? a->r->master : NULL));
	json_object_set_new(root, "error", jstr(res->error));
	json_object_set_new(root, "insecure", json_boolean(res->insecure));
	json_object_set_new(root, "tls_warning", jstr(res->tls_warning));
	rows = json_array();
	for (i = 0; a->df != NULL && i < a->df->n; i++) {
		d = &a->df->rows[i];
		o = json_object();
		json_object_set_new(o, "name", json_string(d->share->name));
		json_object_set_new(o, "file_value", jstr(report_secret(
		    a->show_secrets, d->share->name, d->share->value)));
		json_object_set_new(o, "file", jpath(d->share->file));
		json_object_set_new(o, "line", jline(d->share->file ?
		    d->share->line : 0));
		json_object_set_new(o, "file_source",
		    json_string(psource_name(d->share->source)));
		json_object_set_new(o, "phone_value", jstr(report_secret(
		    a->show_secrets, d->share->name, d->phone_value)));
		json_object_set_new(o, "phone_source", jstr(d->phone_source));
		json_object_set_new(o, "verdict",
		    json_string(verdict_name(d->verdict)));
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
	dump(fp, root, compact);
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
	json_object_set_new(root, "mac", json_string(mac));
	json_object_set_new(root, "verdict",
	    json_string(pin_verdict_name(pr->verdict)));
	arr = json_array();
	for (i = 0; i < pr->n; i++) {
		o = json_object();
		json_object_set_new(o, "check", json_string(pr->v[i].what));
		json_object_set_new(o, "status",
		    json_string(pin_status_name(pr->v[i].status)));
		json_object_set_new(o, "message", json_string(pr->v[i].message));
		json_object_set_new(o, "file", jpath(pr->v[i].file));
		json_object_set_new(o, "line", jline(pr->v[i].line));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "checks", arr);
	dump(fp, root, compact);
}
