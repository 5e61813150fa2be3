/*
 * JSON output, the stable contract documented in polyaudit(1).  Keys are
 * always present; absent values are null, never missing.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dhcp.h"
#include "dhcp_probe.h"
#include "hygiene.h"
#include "jsonw.h"
#include "logcheck.h"
#include "phone.h"
#include "pin.h"
#include "provserver.h"
#include "redact.h"
#include "report.h"
#include "store.h"
#include "vis.h"
#include "xalloc.h"

/*
 * A JSON string, or null for NULL.  File names and --model are bytes, not
 * necessarily UTF-8, which jansson refuses: the key would vanish, so each
 * byte that is not UTF-8 becomes U+FFFD instead.
 */
static json_t *
jstr(const char *s)
{
	const unsigned char	*p, *end;
	json_t			*j;
	char			*fixed, *o;
	size_t			 n;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	o = fixed = xmalloc(strlen(s) * 3 + 1);
	end = (const unsigned char *)s + strlen(s);
	for (p = (const unsigned char *)s; p < end; p += n)
		if ((n = vis_utf8_len(p, (size_t)(end - p))) == 0) {
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

	/* Only memory runs out here: every value given is well-formed. */
	if (root == NULL)
		abort();
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
	const char		*created;
	json_t			*arr;
	size_t			 i;
	int			 bad;

	arr = json_array();
	for (i = 0; i < r->nfiles; i++) {
		f = &r->files[i];
		bad = f->status != CFG_OK;
		created = report_created(f);
		/* "o*": a NULL value leaves its key out. */
		json_array_append_new(arr, json_pack(
		    "{s:o, s:o, s:o, s:o*, s:o*, s:o*}",
		    "path", jpath(f->path), "role", jstr(role_name(f->role)),
		    "status", jstr(cfg_status_name(f->status)),
		    "error", bad ? jstr(f->error ? f->error :
		    "no such file on the share") : NULL,
		    "error_line", bad && f->errline > 0 ?
		    json_integer(f->errline) : NULL,
		    "created", created != NULL ? jstr(created) : NULL));
	}
	return arr;
}

/* The image the master selects, or null when it names none. */
static json_t *
firmware_json(const struct resolution *r)
{
	const struct firmware	*fw = &r->firmware;

	if (fw->attr == NULL)
		return json_null();
	return json_pack("{s:o, s:o, s:{s:o, s:o, s:o}, s:o, s:o}",
	    "path", jpath(fw->path), "status", jstr(fw_status_name(fw->status)),
	    "from", "attribute", jstr(fw->attr), "file", jpath(r->master),
	    "line", jline(fw->line),
	    "version", jstr(fw->version), "version_from",
	    jpath(fw->version_from));
}

/* A row's shadowed values: [{"value", "file", "line"}]. */
static json_t *
shadowed_json(const struct report_row *row)
{
	const struct origin	*s;
	json_t			*sh, *so;
	size_t			 k;

	sh = json_array();
	for (k = 0; k < row->e->nshadowed; k++) {
		s = &row->e->shadowed[k];
		so = json_object();
		json_object_set_new(so, "value", jstr(report_secret(
		    row->show_secrets, row->e->name, s->value)));
		json_object_set_new(so, "file", jpath(s->file));
		json_object_set_new(so, "line", jline(s->line));
		json_array_append_new(sh, so);
	}
	return sh;
}

/* One row as an object with a key per JSON column of cols. */
static json_t *
row_json(const struct report_col *cols, const struct report_row *row)
{
	const struct report_col	*c;
	const char		*s;
	json_t			*o, *j;

	o = json_object();
	for (c = cols; c->key != NULL; c++) {
		if (!(c->flags & COL_JSON))
			continue;
		switch (c->kind) {
		case COL_LINE:
			j = jline(row->file ? row->line : 0);
			break;
		case COL_SHADOWED:
			j = shadowed_json(row);
			break;
		case COL_PATH:
			j = jpath(report_cell(row, c));
			break;
		default:
			s = report_cell(row, c);
			if (s == NULL && (c->flags & COL_OPT))
				continue;
			j = jstr(s);
			break;
		}
		json_object_set_new(o, c->key, j);
	}
	return o;
}

static json_t *
params_json(const struct showview *v)
{
	struct report_row	 row;
	json_t			*params;
	size_t			 i;

	params = json_array();
	for (i = 0; i < v->nparams; i++) {
		report_param_row(&row, v, v->params[i]);
		json_array_append_new(params,
		    row_json(report_param_cols, &row));
	}
	return params;
}

static json_t *
finding_json(const struct finding *f)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:o}",
	    "severity", severity_name(f->sev), "code", findings_name(f->code),
	    "message", jstr(f->message), "file", jpath(f->file),
	    "line", jline(f->line));
}

static json_t *
findings_json(const struct findings *fs)
{
	json_t	*arr;
	size_t	 i;

	arr = json_array();
	for (i = 0; i < fs->n; i++)
		json_array_append_new(arr, finding_json(&fs->v[i]));
	return arr;
}

static void
dump(FILE *fp, json_t *root)
{
	emit(fp, root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
}

/* files and show: the phone, its files and image, show's params, findings. */
static void
phone_doc(FILE *fp, const struct resolution *r, json_t *params,
    const struct findings *fs)
{
	dump(fp, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o*, s:o}",
	    "mac", jstr(r->mac), "model", jstr(r->model),
	    "master", jpath(r->master), "files", files_json(r),
	    "firmware", firmware_json(r), "params", params,
	    "findings", findings_json(fs)));
}

static void
files(struct report *rep, const struct resolution *r)
{
	phone_doc(rep->fp, r, NULL, &r->findings);
}

static void
show(struct report *rep, const struct showview *v)
{
	phone_doc(rep->fp, v->r, params_json(v), v->findings);
}

/*
 * A scan's JSON Lines: each line is written into one buffer by jsonw.c,
 * which writes what jansson's compact dump of the same object would, and
 * then with one fwrite().  Building the objects for jansson cost a scan
 * more than resolving its phones' site files.
 */
struct jscan {
	struct jsonw	line;
};

/* A path (any URL password hidden), or null. */
static void
jsonw_path(struct jsonw *w, const char *s)
{
	char	*p;

	/* Most paths hold no password: written without a copy. */
	if (s == NULL || !redact_url_hides(s)) {
		jsonw_str(w, s);
		return;
	}
	p = report_path(s);
	jsonw_str(w, p);
	free(p);
}

static void
jsonw_line(struct jsonw *w, int line)
{
	if (line > 0)
		jsonw_int(w, line);
	else
		JSONW_LIT(w, "null");
}

/* sep and "key": as jansson writes a key of plain ASCII. */
static void
jsonw_key(struct jsonw *w, char sep, const char *key)
{
	size_t	 n = strlen(key);
	char	*o = jsonw_room(w, n + 4);

	*o++ = sep;
	*o++ = '"';
	memcpy(o, key, n);
	o += n;
	*o++ = '"';
	*o++ = ':';
	w->len = (size_t)(o - w->buf);
}

/* What row_json() makes of row, as jansson would write it compact. */
static void
row_write(struct jsonw *w, const struct report_col *cols,
    const struct report_row *row)
{
	const struct report_col	*c;
	const struct origin	*s;
	char			 sep = '{';
	size_t			 k;

	for (c = cols; c->key != NULL; c++) {
		if (!(c->flags & COL_JSON) || ((c->flags & COL_OPT) &&
		    report_cell(row, c) == NULL))
			continue;
		jsonw_key(w, sep, c->key);
		sep = ',';
		switch (c->kind) {
		case COL_LINE:
			jsonw_line(w, row->file ? row->line : 0);
			break;
		case COL_SHADOWED:
			JSONW_LIT(w, "[");
			for (k = 0; k < row->e->nshadowed; k++) {
				s = &row->e->shadowed[k];
				if (k > 0)
					JSONW_LIT(w, ",");
				jsonw_key(w, '{', "value");
				jsonw_str(w, report_secret(row->show_secrets,
				    row->e->name, s->value));
				JSONW_LIT(w, ",\"file\":");
				jsonw_path(w, s->file);
				JSONW_LIT(w, ",\"line\":");
				jsonw_line(w, s->line);
				JSONW_LIT(w, "}");
			}
			JSONW_LIT(w, "]");
			break;
		case COL_PATH:
			jsonw_path(w, report_cell(row, c));
			break;
		default:
			jsonw_str(w, report_cell(row, c));
			break;
		}
	}
	JSONW_LIT(w, "}");
}

/* At the end of a scan: the line buffer. */
static void
jscan_free(struct report *rep)
{
	struct jscan	*js = rep->priv;

	if (js == NULL)
		return;
	jsonw_free(&js->line);
	free(js);
	rep->priv = NULL;
}

/*
 * One phone on one line (JSON Lines), for scan: the keys of
 * schemas/scan.schema.json in its order, as jansson would write the object
 * (compact, in insertion order).
 */
static void
scan_phone(struct report *rep, const struct showview *v)
{
	struct jscan		*js = rep->priv;
	struct report_row	 row;
	struct jsonw		*w;
	json_t			*notes;
	char			*text;
	size_t			 i, errors = 0;

	if (js == NULL)
		js = rep->priv = xcalloc(1, sizeof(*js));
	w = &js->line;
	w->len = 0;
	for (i = 0; i < v->findings->n; i++)
		if (v->findings->v[i].sev == SEV_ERROR)
			errors++;
	JSONW_LIT(w, "{\"mac\":");
	jsonw_str(w, v->r->mac);
	JSONW_LIT(w, ",\"model\":");
	jsonw_str(w, v->r->model);
	JSONW_LIT(w, ",\"master\":");
	jsonw_path(w, v->r->master);
	JSONW_LIT(w, ",\"params\":[");
	for (i = 0; i < v->nparams; i++) {
		if (i > 0)
			JSONW_LIT(w, ",");
		report_param_row(&row, v, v->params[i]);
		row_write(w, report_param_cols, &row);
	}
	JSONW_LIT(w, "],\"errors\":");
	jsonw_int(w, (long long)errors);
	JSONW_LIT(w, ",\"notes\":");
	/* Most phones have none; the few notes are jansson's to write. */
	notes = NULL;
	for (i = 0; i < v->findings->n; i++)
		if (hygiene_code(v->findings->v[i].code)) {
			if (notes == NULL)
				notes = json_array();
			json_array_append_new(notes,
			    finding_json(&v->findings->v[i]));
		}
	if (notes == NULL)
		JSONW_LIT(w, "[]");
	else {
		if ((text = json_dumps(notes, JSON_COMPACT |
		    JSON_PRESERVE_ORDER)) == NULL)
			abort();
		jsonw_raw(w, text, strlen(text));
		free(text);
		json_decref(notes);
	}
	JSONW_LIT(w, "}\n");
	fwrite(w->buf, 1, w->len, rep->fp);
}

/* One phone's audit; compact for JSON Lines (fleets). */
static void
audit_phone(struct report *rep, const struct auditview *a)
{
	const struct phone_result	*res = a->res;
	struct report_row		 row;
	json_t				*root, *ph, *rows, *o, *sum;
	size_t				 i;
	int				 v;

	root = json_object();
	ph = json_object();
	json_object_set_new(ph, "host", jstr(res->host));
	json_object_set_new(ph, "mac", res->id.mac[0] ? jstr(
	    res->id.mac) : json_null());
	json_object_set_new(ph, "model", jstr(res->id.model));
	json_object_set_new(ph, "model_reported", jstr(res->id.model_raw));
	json_object_set_new(ph, "firmware", jstr(res->id.firmware));
	json_object_set_new(ph, "prov_server", jstr(res->id.prov_server));
	json_object_set_new(ph, "prov_type", jstr(res->id.prov_type));
	json_object_set_new(ph, "prov_user", jstr(res->id.prov_user));
	json_object_set_new(root, "phone", ph);
	json_object_set_new(root, "share", jstr(a->share));
	json_object_set_new(root, "master", jpath(a->r ? a->r->master : NULL));
	json_object_set_new(root, "firmware", a->r ? firmware_json(a->r) :
	    json_null());
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
		report_audit_row(&row, a, &a->df->rows[i]);
		json_array_append_new(rows, row_json(report_audit_cols,
		    &row));
	}
	json_object_set_new(root, "results", rows);
	sum = json_object();
	for (v = 0; v < V_COUNT; v++)
		json_object_set_new(sum, verdict_name(v), json_integer(
		    a->df ? (json_int_t)a->df->count[v] : 0));
	json_object_set_new(root, "summary", sum);
	json_object_set_new(root, "findings", a->r ? findings_json(
	    &a->r->findings) : json_array());
	emit(rep->fp, root, (rep->fleet ? JSON_COMPACT : JSON_INDENT(2)) |
	    JSON_PRESERVE_ORDER);
}

/* {"mac", "verdict", "checks": [{"check", "status", "message", "file",
 * "line"}]}, compact for scan's JSON Lines. */
static void
pin_json(FILE *fp, const char *mac, const struct pin_report *pr, int compact)
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

static void
pin(struct report *rep, const char *mac, const struct pin_report *pr)
{
	pin_json(rep->fp, mac, pr, 0);
}

static void
scan_pin(struct report *rep, const char *mac, const struct pin_report *pr)
{
	pin_json(rep->fp, mac, pr, 1);
}

/* JSON Lines keep stdout for the phones: the summary goes to stderr. */
static void
scan_end(struct report *rep)
{
	report_scan_summary_text(stderr, &rep->scan);
}

static void
audit_end(struct report *rep)
{
	if (rep->fleet)
		report_fleet_summary_text(stderr, &rep->flt);
}

/* A DHCP value as text if printable, else as hex. */
static json_t *
dhcp_value(const unsigned char *p, size_t len)
{
	json_t	*j;
	char	*v;

	if (dhcp_is_printable(p, len))
		v = xstrndup((const char *)p, len);
	else
		v = dhcp_hex_format(p, len);
	j = jstr(v);
	free(v);
	return j;
}

static json_t *
dhcp_subs(const struct dhcp_result *r)
{
	json_t	*a;
	size_t	 i;

	a = json_array();
	for (i = 0; i < r->nsubs; i++)
		json_array_append_new(a, json_pack("{s:i, s:I, s:o}",
		    "code", r->subs[i].code,
		    "length", (json_int_t)r->subs[i].length,
		    "value", dhcp_value(r->subs[i].value, r->subs[i].have)));
	return a;
}

static json_t *
dhcp_strings(char **items, size_t n)
{
	json_t	*a;
	size_t	 i;

	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, jstr(items[i]));
	return a;
}

static json_t *
dhcp_warnings(const struct dhcp_warning *v, size_t n)
{
	json_t	*a;
	size_t	 i;

	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:o, s:o}",
		    "code", jstr(v[i].code), "message", jstr(v[i].message)));
	return a;
}

static json_t *
dhcp_result(const struct dhcp_result *r)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "option", json_integer(r->option));
	switch (r->option) {
	case 43:
		json_object_set_new(o, "suboptions", dhcp_subs(r));
		json_object_set_new(o, "sts_uri", jstr(r->sts_uri));
		break;
	case 120:
		json_object_set_new(o, "encoding", json_integer(r->encoding));
		json_object_set_new(o, r->encoding == 1 ? "addresses" :
		    "names", dhcp_strings(r->items, r->nitems));
		break;
	case 60:
		if (r->encoding == DHCP_60_VIVC) {
			json_object_set_new(o, "format", jstr("rfc3925"));
			json_object_set_new(o, "enterprise",
			    json_integer(r->enterprise));
			json_object_set_new(o, "suboptions", dhcp_subs(r));
		} else {
			json_object_set_new(o, "format", jstr(
			    r->encoding == DHCP_60_STRING ? "string" : "hex"));
			json_object_set_new(o, "value", jstr(r->nitems ?
			    r->items[0] : NULL));
		}
		break;
	case 66:
	case 160:
		json_object_set_new(o, "server", jstr(r->nitems ? r->items[0] :
		    NULL));
		json_object_set_new(o, "form", r->nitems == 0 ? json_null() :
		    jstr(r->encoding == DHCP_BOOT_URL ? "url" : r->encoding ==
		    DHCP_BOOT_NAME ? "name" : "address"));
		json_object_set_new(o, "scheme", jstr(r->nitems > 1 ?
		    r->items[1] : NULL));
		break;
	}
	json_object_set_new(o, "warnings", dhcp_warnings(r->warns,
	    r->nwarns));
	json_object_set_new(o, "notes", dhcp_warnings(r->notes, r->nnotes));
	return o;
}

static void
dhcp_option(struct report *rep, const struct dhcpview *v)
{
	dump(rep->fp, dhcp_result(v->r));
}

static void
dhcp_encode(struct report *rep, const struct dhcpview *v)
{
	const struct dhcp_result	*r = v->r;
	json_t				*subs;
	char				*sub;
	size_t				 i;

	subs = json_array();
	for (i = 0; i < r->nsubs; i++) {
		sub = dhcp_hex_format(r->subs[i].value, r->subs[i].have);
		json_array_append_new(subs, json_pack("{s:i, s:o, s:o}",
		    "code", r->subs[i].code,
		    "name", jstr(dhcp_subopt_name(43, r->subs[i].code)),
		    "hex", jstr(sub)));
		free(sub);
	}
	dump(rep->fp, json_pack("{s:i, s:o, s:o, s:I, s:o, s:s, s:b}",
	    "option", 43, "hex", jstr(v->hex), "sts_uri", jstr(r->sts_uri),
	    "length", (json_int_t)v->len, "suboptions", subs,
	    "cisco_ios", v->toolong ? "option ext 43 hex" : "option 43 hex",
	    "exceeds_cisco_180", v->toolong));
}

static void
dhcp_probe(struct report *rep, const struct dhcpview *v)
{
	/* "o?": a NULL value is null. */
	dump(rep->fp, json_pack("{s:o, s:b, s:o, s:o, s:o?, s:o?, s:o}",
	    "server", jstr(v->server), "answered", v->got,
	    "from", jstr(v->got ? v->rp->from : NULL),
	    "message_type", v->got ? json_integer(v->rp->msgtype) :
	    json_null(),
	    "option43", v->r ? dhcp_result(v->r) : NULL,
	    "option120", v->r120 ? dhcp_result(v->r120) : NULL,
	    "problem", jstr(v->problem)));
}

/* Where parameter name's value comes from: a change side, a store state. */
static json_t *
origin_json(const char *name, const char *value, const char *source,
    const char *file, int line, int show)
{
	json_t	*o = json_object();

	json_object_set_new(o, "value", jstr(report_secret(show, name, value)));
	json_object_set_new(o, "source", jstr(source));
	json_object_set_new(o, "file", jpath(file));
	json_object_set_new(o, "line", jline(file ? line : 0));
	return o;
}

static json_t *
side_json(const struct change *c, const struct change_side *s, int show)
{
	if (!s->present)
		return json_null();
	return origin_json(c->name, s->value, psource_name(s->source), s->file,
	    s->line, show);
}

/* One line per change: {"mac", "name", "old", "new", "cause", ...}. */
static void
change_phone(struct report *rep, const struct change_phone *cp)
{
	const struct change	*c;
	json_t			*o;
	char			*why;
	size_t			 i;
	int			 show = rep->show_secrets;

	for (i = 0; i < cp->n; i++) {
		c = &cp->v[i];
		why = change_why(c, 0);
		o = json_object();
		json_object_set_new(o, "mac", jstr(cp->mac));
		json_object_set_new(o, "name", jstr(c->name));
		json_object_set_new(o, "old", side_json(c, &c->old, show));
		json_object_set_new(o, "new", side_json(c, &c->new, show));
		json_object_set_new(o, "cause",
		    jstr(change_cause_name(c->cause)));
		json_object_set_new(o, "cause_file", jpath(c->cause_file));
		json_object_set_new(o, "cause_line", jline(c->cause_line));
		json_object_set_new(o, "list", jpath(c->list));
		json_object_set_new(o, "list_line", jline(c->list_line));
		json_object_set_new(o, "why", jstr(why));
		emit(rep->fp, o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		free(why);
	}
}

static void
change_end(struct report *rep, const struct change_totals *t)
{
	report_change_summary_text(stderr, t, rep->show_secrets);
}

/* A time as ISO 8601 UTC, or null. */
static json_t *
jtime(time_t t)
{
	char		buf[32];
	struct tm	tm;

	if (t == 0 || gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return json_null();
	return json_string(buf);
}

static json_t *
state_json(const char *name, const struct store_state *s, int show)
{
	json_t	*o;

	if (!s->present)
		return json_null();
	o = origin_json(name, s->value, s->source, s->file, s->line, show);
	json_object_set_new(o, "phone_value", jstr(report_secret(show, name,
	    s->phone_value)));
	json_object_set_new(o, "phone_source", jstr(s->phone_source));
	json_object_set_new(o, "verdict", jstr(s->verdict));
	return o;
}

/*
 * One line per recorded change; a side is null when not recorded.
 * json_pack() sets the keys in the order written ("o" takes the value's
 * reference), which JSON_PRESERVE_ORDER keeps.
 */
static void
history(struct report *rep, const struct store_event *e)
{
	emit(rep->fp, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "run", (json_int_t)e->run, "when", jtime(e->when),
	    "share", jstr(e->share), "command", jstr(e->command),
	    "mac", jstr(e->mac), "name", jstr(e->name),
	    "old", state_json(e->name, &e->old, rep->show_secrets),
	    "new", state_json(e->name, &e->new, rep->show_secrets)),
	    JSON_COMPACT | JSON_PRESERVE_ORDER);
}

static void
drift(struct report *rep, const struct store_drift *d)
{
	emit(rep->fp, json_pack("{s:o, s:o, s:o, s:o, s:b, s:o, s:I}",
	    "mac", jstr(d->mac), "share", jstr(d->share),
	    "first", jtime(d->first), "name", jstr(d->name),
	    "still", d->still, "since", d->still ? jtime(d->since) :
	    json_null(), "drifting", (json_int_t)d->now),
	    JSON_COMPACT | JSON_PRESERVE_ORDER);
}

/* A file time as ISO 8601 UTC, or null for -1 (the epoch is a time). */
static json_t *
jstamp(time_t t)
{
	return t == (time_t)-1 ? json_null() : t == 0 ?
	    json_string("1970-01-01T00:00:00Z") : jtime(t);
}

static json_t *
logfile_json(const char *kind, const struct logupload *u)
{
	json_t	*o, *sig;

	o = json_object();
	json_object_set_new(o, "kind", jstr(kind));
	json_object_set_new(o, "path", jpath(u->path));
	json_object_set_new(o, "status", jstr(cfg_status_name(u->status)));
	if (u->status != CFG_OK)
		json_object_set_new(o, "error", jstr(u->error));
	json_object_set_new(o, "modified", jstamp(u->mtime));
	json_object_set_new(o, "lines", json_integer((json_int_t)u->sum.lines));
	json_object_set_new(o, "parsed",
	    json_integer((json_int_t)u->sum.parsed));
	json_object_set_new(o, "unclassified",
	    json_integer((json_int_t)logcheck_unclassified(u)));
	json_object_set_new(o, "newest_line", jstamp(u->sum.newest));
	sig = json_object();
	json_object_set_new(sig, findings_name(FIND_LOG_UPLOAD_FAILED),
	    json_integer((json_int_t)u->sum.nsig[LOGSIG_UPLOAD_FAILED]));
	json_object_set_new(sig, findings_name(FIND_LOG_DOWNLOAD_FAILED),
	    json_integer((json_int_t)u->sum.nsig[LOGSIG_DOWNLOAD_FAILED]));
	json_object_set_new(sig, findings_name(FIND_LOG_CERT_EXPIRED),
	    json_integer((json_int_t)u->sum.nsig[LOGSIG_CERT_EXPIRED]));
	json_object_set_new(o, "signatures", sig);
	return o;
}

/* One phone's uploads on one line (JSON Lines). */
static void
logs(struct report *rep, const struct logcheck *lc)
{
	static const char *const stale[] = {
		[LOGSTALE_NO] = "fresh", [LOGSTALE_YES] = "stale",
		[LOGSTALE_UNKNOWN] = "unknown",
	};
	json_t	*root, *from, *files;
	size_t	 i;

	root = json_object();
	json_object_set_new(root, "mac", jstr(lc->mac));
	json_object_set_new(root, "master", jpath(lc->master));
	json_object_set_new(root, "directory", jpath(lc->dir));
	from = json_null();
	if (lc->dir_from != NULL) {
		from = json_object();
		json_object_set_new(from, "file", jpath(lc->dir_from));
		json_object_set_new(from, "line", jline(lc->dir_line));
	}
	json_object_set_new(root, "directory_from", from);
	json_object_set_new(root, "unchecked", jstr(lc->unchecked));
	files = json_array();
	for (i = 0; i < lc->nfiles; i++)
		json_array_append_new(files, logfile_json(logcheck_kinds[i],
		    &lc->files[i]));
	json_object_set_new(root, "files", files);
	json_object_set_new(root, "newest_upload", jstamp(lc->newest));
	json_object_set_new(root, "age_seconds", lc->newest == (time_t)-1 ?
	    json_null() : json_integer((json_int_t)difftime(lc->now,
	    lc->newest)));
	json_object_set_new(root, "max_age_days", json_integer(lc->maxage));
	json_object_set_new(root, "uploads", jstr(stale[lc->stale]));
	json_object_set_new(root, "findings", findings_json(&lc->findings));
	emit(rep->fp, root, JSON_COMPACT | JSON_PRESERVE_ORDER);
}

/* One line per report (enum report_kind); the others are not offered. */
const struct report_ops report_json_ops = {
	.name = "json",
	.files = files, .show = show,
	.scan_phone = scan_phone, .scan_pin = scan_pin,
	.audit_phone = audit_phone,
	.pin = pin,
	.dhcp = { [DHCP_DECODE] = dhcp_option, [DHCP_ENCODE] = dhcp_encode,
	    [DHCP_PROBE] = dhcp_probe },
	.change_phone = change_phone, .change_end = change_end,
	.history = history, .drift = drift,
	.logs = logs,
	.end = { [REPORT_SCAN] = scan_end, [REPORT_AUDIT] = audit_end },
	.close = jscan_free,
};
