/*
 * The text report: what a person reads.  Values are quoted so that an
 * empty value, which masks lower layers, is visible; long values are cut.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "phone.h"
#include "pin.h"
#include "provserver.h"
#include "report.h"
#include "xalloc.h"

#define VALUE_WIDTH	40	/* longer values are cut in text output */

/* A quoted, printable rendering of value, or "(unset)".  Malloced. */
static char *
quote(const char *value)
{
	char	*out, *p;
	size_t	 i, len;

	if (value == NULL)
		return xstrdup("(unset)");
	len = strlen(value);
	out = p = xmalloc(VALUE_WIDTH * 4 + 8);
	*p++ = '"';
	for (i = 0; i < len && i < VALUE_WIDTH; i++) {
		if (isprint((unsigned char)value[i]) ||
		    (unsigned char)value[i] >= 0x80)
			*p++ = value[i];
		else
			p += sprintf(p, "\\x%02x", (unsigned char)value[i]);
	}
	if (i < len)
		p += sprintf(p, "...");
	*p++ = '"';
	*p = '\0';
	return out;
}

/*
 * Print "file:line" (any URL password hidden), just the file when line is
 * 0, or none when there is no file.  Written to fp, not formatted into a
 * string: a scan prints one per row.
 */
static void
put_location(FILE *fp, const char *file, int line, const char *none)
{
	char	*path;

	if (file == NULL) {
		fputs(none, fp);
		return;
	}
	path = report_path(file);
	fputs(path, fp);
	if (line > 0)
		fprintf(fp, ":%d", line);
	free(path);
}

void
report_files_text(FILE *fp, const struct resolution *r)
{
	const struct chainfile	*f;
	char			*path;
	size_t			 i, w = 4;

	for (i = 0; i < r->nfiles; i++)
		if (strlen(r->files[i].path) > w)
			w = strlen(r->files[i].path);
	fprintf(fp, "Files for %s, highest precedence first (master %s):\n",
	    r->mac, r->master ? r->master : "none");
	for (i = 0; i < r->nfiles; i++) {
		f = &r->files[i];
		path = report_path(f->path);
		fprintf(fp, "  %-14s  %-*s  %s", role_name(f->role), (int)w,
		    path, cfg_status_name(f->status));
		if (f->error != NULL && f->status != CFG_MISSING)
			fprintf(fp, ": %s", f->error);
		fputc('\n', fp);
		free(path);
	}
}

void
report_show_text(FILE *fp, const struct showview *v)
{
	const struct eparam	*e;
	const struct origin	*o;
	char			*q;
	size_t			 i, k, wn = 9, wv = 5, wl;

	fprintf(fp, "Phone %s, model %s\n\n", v->r->mac,
	    v->r->model ? v->r->model : "unknown (give --model)");
	report_files_text(fp, v->r);
	for (i = 0; i < v->nparams; i++) {
		e = v->params[i];
		if (strlen(e->name) > wn)
			wn = strlen(e->name);
		q = quote(report_value(v, e->name, e->value));
		if (strlen(q) > wv)
			wv = strlen(q);
		free(q);
	}
	fprintf(fp, "\nEffective values:\n  %-*s  %-*s  %-14s  %s\n",
	    (int)wn, "PARAMETER", (int)wv, "VALUE", "SOURCE", "FROM");
	for (i = 0; i < v->nparams; i++) {
		e = v->params[i];
		q = quote(report_value(v, e->name, e->value));
		fprintf(fp, "  %-*s  %-*s  %-14s  ", (int)wn, e->name,
		    (int)wv, q, psource_name(e->source));
		put_location(fp, e->file, e->line, "-");
		if (e->setname != NULL && strcmp(e->setname, e->name) != 0)
			fprintf(fp, " (as %s)", e->setname);
		fputc('\n', fp);
		free(q);
		wl = wn + 4;
		if (e->note != NULL)
			fprintf(fp, "%*s%s\n", (int)wl, "", e->note);
		for (k = 0; k < e->nshadowed; k++) {
			o = &e->shadowed[k];
			q = quote(report_value(v, e->name, o->value));
			fprintf(fp, "%*sshadows %s from ", (int)wl, "", q);
			put_location(fp, o->file, o->line, "-");
			fputc('\n', fp);
			free(q);
		}
	}
	if (v->findings->n > 0) {
		fprintf(fp, "\nFindings:\n");
		report_findings_text(fp, v->findings);
	}
}

/* One line per finding: "file:line: level: message [code]". */
void
report_findings_text(FILE *fp, const struct findings *fs)
{
	const struct finding	*f;
	size_t			 i;

	for (i = 0; i < fs->n; i++) {
		f = &fs->v[i];
		fputs("  ", fp);
		if (f->file != NULL) {
			put_location(fp, f->file, f->line, "");
			fputs(": ", fp);
		}
		fprintf(fp, "%s: %s [%s]\n", severity_name(f->sev),
		    f->message, findings_name(f->code));
	}
}

/* Fixed-width rows, one per parameter, so a scan can stream them. */
void
report_rows_text(FILE *fp, const struct showview *v, int header)
{
	const struct eparam	*e;
	char			*q;
	size_t			 i;

	if (header)
		fprintf(fp, "%-12s  %-30s  %-10s  %-14s  %s\n", "MAC",
		    "PARAMETER", "VALUE", "SOURCE", "FROM");
	for (i = 0; i < v->nparams; i++) {
		e = v->params[i];
		q = quote(report_value(v, e->name, e->value));
		fprintf(fp, "%-12s  %-30s  %-10s  %-14s  ", v->r->mac,
		    e->name, q, psource_name(e->source));
		put_location(fp, e->file, e->line, "-");
		fputc('\n', fp);
		free(q);
	}
}

static const char *
colour(const struct auditview *a, enum verdict v)
{
	static const char *const c[] = {
		"\033[32m", "\033[31m", "\033[33m", "\033[33m", "\033[31m",
	};

	return a->color ? c[v] : "";
}

/* One phone's audit as a table; reasons beneath the rows that need one. */
void
report_audit_text(FILE *fp, const struct auditview *a)
{
	const struct phone_result	*res = a->res;
	const struct diffrow		*d;
	char				*fq, *pq;
	size_t				 i, wn = 9;
	int				 v;

	fprintf(fp, "Phone %s: MAC %s, model %s, firmware %s\n", res->host,
	    res->id.mac[0] ? res->id.mac : "?", res->id.model ?
	    res->id.model : "?", res->id.firmware ? res->id.firmware : "?");
	if (res->id.prov_server != NULL)
		fprintf(fp, "Provisioning server the phone uses: %s%s%s%s\n",
		    *res->id.prov_server ? res->id.prov_server : "(none)",
		    res->id.prov_type ? " (" : "", res->id.prov_type ?
		    res->id.prov_type : "", res->id.prov_type ? ")" : "");
	if (a->prov_why != NULL)
		fprintf(fp, "%s%s\n", a->prov == PROV_DIFFERENT ? "WARNING: " :
		    a->prov == PROV_SAME ? "Same server: " : "Note: ",
		    a->prov_why);
	if (res->insecure)
		fprintf(fp, "WARNING: TLS not verified (--insecure)\n");
	if (res->tls_warning != NULL)
		fprintf(fp, "WARNING: %s\n", res->tls_warning);
	if (res->error != NULL)
		fprintf(fp, "ERROR: %s\n", res->error);
	if (a->df == NULL) {
		fputc('\n', fp);
		return;
	}
	fprintf(fp, "Share %s, master %s\n\n", a->share, a->r->master ?
	    a->r->master : "none");
	for (i = 0; i < a->df->n; i++)
		if (strlen(a->df->rows[i].share->name) > wn)
			wn = strlen(a->df->rows[i].share->name);
	fprintf(fp, "  %-*s  %-12s  %-12s  %-12s  %s\n", (int)wn, "PARAMETER",
	    "VERDICT", "FILE VALUE", "PHONE VALUE", "FROM / PHONE SOURCE");
	for (i = 0; i < a->df->n; i++) {
		d = &a->df->rows[i];
		fq = quote(report_secret(a->show_secrets, d->share->name,
		    d->share->value));
		pq = d->phone_value ? quote(report_secret(a->show_secrets,
		    d->share->name, d->phone_value)) : xstrdup("(unknown)");
		fprintf(fp, "  %-*s  %s%-12s%s  %-12s  %-12s  ", (int)wn,
		    d->share->name, colour(a, d->verdict),
		    verdict_name(d->verdict), a->color ? "\033[0m" : "", fq,
		    pq);
		put_location(fp, d->share->file, d->share->line,
		    psource_name(d->share->source));
		fprintf(fp, " / %s\n", d->phone_source ? d->phone_source : "-");
		if (d->reason != NULL && d->verdict != V_MATCH)
			fprintf(fp, "  %*s  why: %s\n", (int)wn, "", d->reason);
		free(fq);
		free(pq);
	}
	fprintf(fp, "\nSummary:");
	for (v = 0; v < V_COUNT; v++)
		fprintf(fp, "%s %zu %s", v ? "," : "", a->df->count[v],
		    verdict_name(v));
	fprintf(fp, "\n\n");
}

/* The verdict, then the evidence, failures first. */
void
report_pin_text(FILE *fp, const char *mac, const struct pin_report *pr)
{
	static const char *const mark[] = { "ok", "NO", "??", "--" };
	static const enum pin_status order[] = {
		PIN_FAIL, PIN_UNKNOWN, PIN_OK, PIN_INFO,
	};
	size_t	i, k;

	fprintf(fp, "Phone %s: PIN sign-in should be offered: %s\n", mac,
	    pin_verdict_name(pr->verdict));
	for (k = 0; k < 4; k++)
		for (i = 0; i < pr->n; i++)
			if (pr->v[i].status == order[k])
				fprintf(fp, "  [%s] %s\n",
				    mark[pr->v[i].status], pr->v[i].message);
}
