/*
 * CSV (RFC 4180): a header line, then one row per parameter.  Shadowed
 * values are joined as value@file:line, separated by " | ".  Control
 * characters are made visible (vis.h).
 */
#include <stdlib.h>
#include <string.h>

#include "phone.h"
#include "pin.h"
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

/* A row's shadowed values as value@file:line, joined by " | ".  Malloced. */
static char *
shadowed(const struct report_row *row)
{
	const struct origin	*o;
	char			*sh, *tmp, *path;
	size_t			 k;

	sh = xstrdup("");
	for (k = 0; k < row->e->nshadowed; k++) {
		o = &row->e->shadowed[k];
		path = report_path(o->file);
		tmp = xasprintf("%s%s%s@%s:%d", sh, k ? " | " : "",
		    report_secret(row->show_secrets, row->e->name, o->value),
		    path, o->line);
		free(path);
		free(sh);
		sh = tmp;
	}
	return sh;
}

/* The header line of cols: their keys. */
static void
header(FILE *fp, const struct report_col *cols)
{
	const struct report_col	*c;
	int			 first = 1;

	for (c = cols; c->key != NULL; c++)
		if (c->flags & COL_CSV) {
			fprintf(fp, "%s%s", first ? "" : ",", c->key);
			first = 0;
		}
	fputs("\r\n", fp);
}

/* One row: a field per CSV column of cols. */
static void
row_csv(FILE *fp, const struct report_col *cols, const struct report_row *row)
{
	const struct report_col	*c, *last = NULL;
	char			*s;

	for (c = cols; c->key != NULL; c++)
		if (c->flags & COL_CSV)
			last = c;
	for (c = cols; c->key != NULL; c++) {
		if (!(c->flags & COL_CSV))
			continue;
		switch (c->kind) {
		case COL_LINE:
			s = row->file ? xasprintf("%d", row->line) : NULL;
			break;
		case COL_SHADOWED:
			s = shadowed(row);
			break;
		case COL_PATH:
			s = report_cell(row, c) ? report_path(report_cell(row,
			    c)) : NULL;
			break;
		default:
			s = NULL;
			field(fp, report_cell(row, c), c == last);
			continue;
		}
		field(fp, s, c == last);
		free(s);
	}
}

static void
params(struct report *rep, const struct showview *v, int withheader)
{
	struct report_row	row;
	size_t			i;

	if (withheader)
		header(rep->fp, report_param_cols);
	for (i = 0; i < v->nparams; i++) {
		report_param_row(&row, v, v->params[i]);
		row_csv(rep->fp, report_param_cols, &row);
	}
}

/* The rows; findings have no CSV shape, so they go to stderr as text. */
static void
show(struct report *rep, const struct showview *v)
{
	params(rep, v, 1);
	if (v->findings->n > 0)
		report_findings_text(stderr, v->findings);
}

/* One phone's rows, after the header line for the first. */
static void
scan_phone(struct report *rep, const struct showview *v)
{
	params(rep, v, rep->n == 0);
}

static void
scan_pin(struct report *rep, const char *mac, const struct pin_report *pr)
{
	struct report_row	 row;
	const char		*what;

	if (rep->n == 0)
		header(rep->fp, report_pin_cols);
	memset(&row, 0, sizeof(row));
	row.mac = mac;
	row.verdict = pin_verdict_name(pr->verdict);
	row.reason = report_pin_reason(pr, &what);
	row_csv(rep->fp, report_pin_cols, &row);
}

static void
scan_end(struct report *rep)
{
	report_scan_summary_text(stderr, &rep->scan);
}

/*
 * One row per audited parameter, after a header line for the first
 * phone.  A phone that failed is one error row; another provisioning
 * server is drift of the share as a whole, a row of its own.
 */
static void
audit_phone(struct report *rep, const struct auditview *a)
{
	struct report_row	row;
	size_t			i;

	if (rep->n == 0)
		header(rep->fp, report_audit_cols);
	memset(&row, 0, sizeof(row));
	row.host = a->res->host;
	row.mac = a->res->id.mac;
	if (a->df == NULL) {
		row.verdict = "error";
		row.reason = a->res->error;
		row_csv(rep->fp, report_audit_cols, &row);
		return;
	}
	if (a->prov == PROV_DIFFERENT) {
		row.name = "(provisioning server)";
		row.value = a->share;
		row.phone_value = a->res->id.prov_server;
		row.phone_source = a->res->id.prov_type;
		row.verdict = "drift";
		row.reason = a->prov_why;
		row_csv(rep->fp, report_audit_cols, &row);
	}
	for (i = 0; i < a->df->n; i++) {
		report_audit_row(&row, a, &a->df->rows[i]);
		row_csv(rep->fp, report_audit_cols, &row);
	}
}

static void
audit_end(struct report *rep)
{
	if (rep->fleet)
		report_fleet_summary_text(stderr, &rep->flt);
}

/* A side's or a cause's file and line fields, empty for none; no password. */
static void
location(FILE *fp, const char *file, int hasline, int line)
{
	char	*path = file != NULL ? report_path(file) : NULL;
	char	 num[16];

	snprintf(num, sizeof(num), "%d", line);
	field(fp, path, 0);
	field(fp, hasline ? num : NULL, 0);
	free(path);
}

static void
side_csv(FILE *fp, const struct change *c, const struct change_side *s,
    int show)
{
	const char	*file = s->present ? s->file : NULL;

	field(fp, s->present ? report_secret(show, c->name, s->value) : NULL,
	    0);
	field(fp, s->present ? psource_name(s->source) : "absent", 0);
	location(fp, file, file != NULL, s->line);
}

/* One row per change, after a header line before the first phone. */
static void
change_phone(struct report *rep, const struct change_phone *cp)
{
	const struct change	*c;
	FILE			*fp = rep->fp;
	char			*why;
	size_t			 i;
	int			 show = rep->show_secrets;

	if (rep->n == 0)
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
		location(fp, c->cause_file, c->cause_line > 0, c->cause_line);
		why = change_why(c, 0);
		field(fp, why, 1);
		free(why);
	}
}

static void
change_end(struct report *rep, const struct change_totals *t)
{
	report_change_summary_text(stderr, t, rep->show_secrets);
}

/* One line per report (enum report_kind); the others are not offered. */
const struct report_ops report_csv_ops = {
	.name = "csv",
	.show = show,
	.scan_phone = scan_phone, .scan_pin = scan_pin,
	.audit_phone = audit_phone,
	.change_phone = change_phone, .change_end = change_end,
	.end = { [REPORT_SCAN] = scan_end, [REPORT_AUDIT] = audit_end },
};
