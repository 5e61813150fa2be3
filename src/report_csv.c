/*
 * CSV (RFC 4180): a header line, then one row per parameter.  Shadowed
 * values are joined as value@file:line, separated by " | ".
 */
#include <stdlib.h>
#include <string.h>

#include "phone.h"
#include "provserver.h"
#include "report.h"
#include "xalloc.h"

static void
field(FILE *fp, const char *s, int last)
{
	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") == NULL)
		fputs(s, fp);
	else {
		fputc('"', fp);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				fputc('"', fp);
			fputc(*s, fp);
		}
		fputc('"', fp);
	}
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

static void
side_csv(FILE *fp, const struct change *c, const struct change_side *s,
    int show)
{
	char	*path, *line;

	path = s->present && s->file ? report_path(s->file) : NULL;
	line = s->present && s->file ? xasprintf("%d", s->line) : NULL;
	field(fp, s->present ? report_secret(show, c->name, s->value) : NULL,
	    0);
	field(fp, s->present ? psource_name(s->source) : "absent", 0);
	field(fp, path, 0);
	field(fp, line, 0);
	free(path);
	free(line);
}

/* One row per change, after a header line if header is set. */
void
report_change_csv(FILE *fp, const struct change_phone *cp, int show,
    int header)
{
	const struct change	*c;
	char			*why, *path, *line;
	size_t			 i;

	if (header)
		fputs("mac,name,old_value,old_source,old_file,old_line,"
		    "new_value,new_source,new_file,new_line,cause,cause_file,"
		    "cause_line,why\r\n", fp);
	for (i = 0; i < cp->n; i++) {
		c = &cp->v[i];
		field(fp, cp->mac, 0);
		field(fp, c->name, 0);
		side_csv(fp, c, &c->old, show);
		side_csv(fp, c, &c->new, show);
		field(fp, change_cause_name(c->cause), 0);
		path = c->cause_file ? report_path(c->cause_file) : NULL;
		line = c->cause_line > 0 ? xasprintf("%d", c->cause_line) :
		    NULL;
		why = change_why(c, 0);
		field(fp, path, 0);
		field(fp, line, 0);
		field(fp, why, 1);
		free(path);
		free(line);
		free(why);
	}
}
