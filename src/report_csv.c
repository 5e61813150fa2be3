/*
 * CSV (RFC 4180): a header line, then one row per parameter.  Shadowed
 * values are joined as value@file:line, separated by " | ".  Control
 * characters are made visible (vis.h).
 */
#include <stdlib.h>
#include <string.h>

#include "phone.h"
#include "provserver.h"
#include "report.h"
#include "vis.h"
#include "xalloc.h"

static void
field(FILE *fp, const char *s, int last)
{
	vis_csv(fp, s);
	fputs(last ? "\r\n" : ",", fp);
}

/* The rows for one phone, after a header line if header is set. */
void
report_show_csv(FILE *fp, const struct showview *v, int header)
{
	const struct eparam	*e;
	const struct origin	*o;
	char			*line, *sh, *tmp, *path;
	size_t			 i, k;

	if (header)
		fputs("mac,name,value,source,file,line,shadowed\r\n", fp);
	for (i = 0; i < v->nparams; i++) {
		e = v->params[i];
		sh = xstrdup("");
		for (k = 0; k < e->nshadowed; k++) {
			o = &e->shadowed[k];
			path = report_path(o->file);
			tmp = xasprintf("%s%s%s@%s:%d", sh, k ? " | " : "",
			    report_value(v, e->name, o->value), path, o->line);
			free(path);
			free(sh);
			sh = tmp;
		}
		path = e->file ? report_path(e->file) : NULL;
		line = e->file ? xasprintf("%d", e->line) : NULL;
		field(fp, v->r->mac, 0);
		field(fp, e->name, 0);
		field(fp, report_value(v, e->name, e->value), 0);
		field(fp, psource_name(e->source), 0);
		field(fp, path, 0);
		field(fp, line, 0);
		field(fp, sh, 1);
		free(path);
		free(line);
		free(sh);
	}
}

/* One row per audited parameter, after a header line if header is set. */
void
report_audit_csv(FILE *fp, const struct auditview *a, int header)
{
	const struct diffrow	*d;
	char			*path, *line;
	size_t			 i;

	if (header)
		fputs("host,mac,name,file_value,file,line,file_source,"
		    "phone_value,phone_source,verdict,reason\r\n", fp);
	if (a->df == NULL) {
		field(fp, a->res->host, 0);
		field(fp, a->res->id.mac, 0);
		for (i = 0; i < 7; i++)
			field(fp, NULL, 0);
		field(fp, "error", 0);
		field(fp, a->res->error, 1);
		return;
	}
	/* Another server is drift of the share as a whole: a row of its own. */
	if (a->prov == PROV_DIFFERENT) {
		field(fp, a->res->host, 0);
		field(fp, a->res->id.mac, 0);
		field(fp, "(provisioning server)", 0);
		field(fp, a->share, 0);
		for (i = 0; i < 3; i++)
			field(fp, NULL, 0);
		field(fp, a->res->id.prov_server, 0);
		field(fp, a->res->id.prov_type, 0);
		field(fp, "drift", 0);
		field(fp, a->prov_why, 1);
	}
	for (i = 0; i < a->df->n; i++) {
		d = &a->df->rows[i];
		path = d->share->file ? report_path(d->share->file) : NULL;
		line = d->share->file ? xasprintf("%d", d->share->line) : NULL;
		field(fp, a->res->host, 0);
		field(fp, a->res->id.mac, 0);
		field(fp, d->share->name, 0);
		field(fp, report_secret(a->show_secrets, d->share->name,
		    d->share->value), 0);
		field(fp, path, 0);
		field(fp, line, 0);
		field(fp, psource_name(d->share->source), 0);
		field(fp, report_secret(a->show_secrets, d->share->name,
		    d->phone_value), 0);
		field(fp, d->phone_source, 0);
		field(fp, verdict_name(d->verdict), 0);
		field(fp, d->reason, 1);
		free(path);
		free(line);
	}
}
