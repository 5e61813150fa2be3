/*
 * The HTML report: one self-contained page, CSS and SVG inline, no
 * script, no fetch (its Content-Security-Policy allows none).  The summary
 * comes first, so the phones are kept in memory streams while they come
 * and the page is written when the report closes.  Every string from a
 * share or a phone goes through esc(), as mandoc's print_encode() does
 * for every text node.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "phone.h"
#include "pin.h"
#include "provserver.h"
#include "report.h"
#include "strmap.h"
#include "vis.h"
#include "xalloc.h"

#define CHART_MAX	30	/* parameters in a drift chart */

struct html {
	FILE		*index;		/* one row per phone */
	char		*ibuf;
	size_t		 ilen;
	FILE		*body;		/* one section per phone */
	char		*bbuf;
	size_t		 blen;
	const char	*what;		/* "scan", "audit", "show" */
	int		 pin;		/* scan --check pin */
	size_t		 nsev[3];	/* findings per severity */
	struct strmap	*found;		/* "code^_severity" -> findings */
	const struct change_totals *totals;	/* diff: the caller's */
};

/* The report's state; what names the command, NULL: keep it. */
static struct html *
html(struct report *rep, const char *what)
{
	struct html	*h = rep->priv;

	if (h == NULL) {
		h = rep->priv = xcalloc(1, sizeof(*h));
		h->index = open_memstream(&h->ibuf, &h->ilen);
		h->body = open_memstream(&h->bbuf, &h->blen);
		h->what = "report";
	}
	if (what != NULL)
		h->what = what;
	return h;
}

/*
 * The one escaping function: s as HTML text or attribute value.  It is
 * made visible first, as for text (no control character or bad UTF-8 is
 * left), then markup characters become entities.  NULL prints nothing.
 */
static const char *const entity[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
	['\''] = "&#39;",
};

static void
esc(FILE *fp, const char *s)
{
	char	*v;
	size_t	 i, n, len;

	if (s == NULL)
		return;
	len = strlen(s);
	v = xmalloc(len * VIS_MAX + 1);
	n = vis_encode(v, s, len);
	for (i = 0; i < n; i++)
		if (entity[(unsigned char)v[i]] != NULL)
			fputs(entity[(unsigned char)v[i]], fp);
		else
			fputc(v[i], fp);
	free(v);
}

/* "file:line", or none when there is no file; escaped. */
static void
esc_loc(FILE *fp, const char *file, int line, const char *none)
{
	report_location(fp, file, line, none, esc);
}

/* A value in a <code>; none in grey when there is none. */
static void
esc_value(FILE *fp, const char *v, const char *none)
{
	if (v == NULL || *v == '\0') {
		/* An empty value masks the files below it: show it is there. */
		fprintf(fp, "<span class=\"none\">%s</span>", v ? "(empty)" :
		    none);
		return;
	}
	fputs("<code>", fp);
	esc(fp, v);
	fputs("</code>", fp);
}

/* A verdict as a coloured badge; its class is the verdict itself. */
static void
badge(FILE *fp, const char *v)
{
	const char	*p;

	fputs("<span class=\"badge v-", fp);
	for (p = v; *p != '\0'; p++)
		fputc(strchr("abcdefghijklmnopqrstuvwxyz-", *p) ? *p : '-', fp);
	fputs("\">", fp);
	esc(fp, v);
	fputs("</span>", fp);
}

/* An anchor for a phone section: its MAC or host, made safe. */
static void
anchor(FILE *fp, const char *key)
{
	fputs("p-", fp);
	for (; *key != '\0'; key++)
		fputc(strchr("0123456789abcdefABCDEF", *key) ? *key : '_', fp);
}

static void
count_findings(struct html *h, const struct findings *fs)
{
	uintptr_t	 n;
	char		*key;
	size_t		 i;

	for (i = 0; fs != NULL && i < fs->n; i++) {
		h->nsev[fs->v[i].sev]++;
		if (h->found == NULL)
			h->found = strmap_new();
		key = xasprintf("%s" REPORT_SEPS "%s",
		    severity_name(fs->v[i].sev), findings_name(fs->v[i].code));
		n = (uintptr_t)strmap_get(h->found, key);
		strmap_set(h->found, key, (void *)(n + 1));
		free(key);
	}
}

static void
findings_list(FILE *fp, const struct findings *fs)
{
	const struct finding	*f;
	size_t			 i;

	if (fs == NULL || fs->n == 0)
		return;
	fputs("<ul class=\"findings\">\n", fp);
	for (i = 0; i < fs->n; i++) {
		f = &fs->v[i];
		fprintf(fp, "<li><span class=\"sev s-%s\">%s</span> ",
		    severity_name(f->sev), severity_name(f->sev));
		if (f->file != NULL) {
			fputs("<span class=\"loc\">", fp);
			esc_loc(fp, f->file, f->line, NULL);
			fputs("</span> ", fp);
		}
		esc(fp, f->message);
		fprintf(fp, " <span class=\"code\">[%s]</span></li>\n",
		    findings_name(f->code));
	}
	fputs("</ul>\n", fp);
}

/* The shadowed values of e, each with its file and line. */
static void
shadows(FILE *fp, const struct eparam *e, int show_secrets)
{
	size_t	k;

	for (k = 0; k < e->nshadowed; k++) {
		fputs("<div class=\"shadow\">shadows ", fp);
		esc_value(fp, report_secret(show_secrets, e->name,
		    e->shadowed[k].value), "(unset)");
		fputs(" from <span class=\"loc\">", fp);
		esc_loc(fp, e->shadowed[k].file, e->shadowed[k].line, "-");
		fputs("</span></div>", fp);
	}
}

/* The headers of a column table, in text order, as a <thead>. */
static size_t
thead(FILE *fp, const struct report_col *cols, size_t skip,
    const struct report_col **out)
{
	size_t	n, i;

	n = report_text_cols(cols, out);
	fputs("<thead><tr>", fp);
	for (i = skip; i < n; i++)
		fprintf(fp, "<th>%s</th>", out[i]->title);
	fputs("</tr></thead>\n", fp);
	return n;
}

/* One cell of a table row, as its column's kind wants. */
static void
cell(FILE *fp, const struct report_row *row, const struct report_col *c)
{
	const char	*s = report_cell(row, c);

	fputs("<td>", fp);
	switch (c->kind) {
	case COL_VALUE:
		esc_value(fp, s, c->none);
		break;
	case COL_VERDICT:
		badge(fp, s);
		break;
	case COL_PATH:
		fputs("<span class=\"loc\">", fp);
		/* Audit rows name the share's source when no file set it. */
		esc_loc(fp, s, row->line, row->host ? row->source : c->none);
		fputs("</span>", fp);
		if (row->host != NULL) {
			fputs(" / ", fp);
			esc(fp, row->phone_source ? row->phone_source : "-");
		}
		if (row->set_as != NULL) {
			fputs(" (as ", fp);
			esc(fp, row->set_as);
			fputc(')', fp);
		}
		if (row->e != NULL)
			shadows(fp, row->e, row->show_secrets);
		break;
	default:
		esc(fp, s ? s : c->none);
		break;
	}
	fputs("</td>", fp);
}

/*
 * A phone's first cell in the index, a link to its section, and the
 * section's opening up to the heading's text after the phone's name.
 */
static void
phone_start(struct html *h, const char *id)
{
	fputs("<tr class=\"phone-row\"><td><a href=\"#", h->index);
	anchor(h->index, id);
	fputs("\">", h->index);
	esc(h->index, id);
	fputs("</a></td>", h->index);
	fputs("<section class=\"phone\" id=\"", h->body);
	anchor(h->body, id);
	fputs("\"><h3>Phone ", h->body);
	esc(h->body, id);
}

/* One phone of show or scan: its index row and its section. */
static void
param_phone(struct report *rep, const struct showview *v, const char *what)
{
	struct html		*h = html(rep, what);
	const struct report_col	*cols[8];
	struct report_row	 row;
	size_t			 i, k, n, errors = 0;

	for (i = 0; i < v->findings->n; i++)
		errors += v->findings->v[i].sev == SEV_ERROR;
	count_findings(h, v->findings);
	phone_start(h, v->r->mac);
	fputs("<td>", h->index);
	esc(h->index, v->r->model ? v->r->model : "-");
	fputs("</td><td class=\"loc\">", h->index);
	esc_loc(h->index, v->r->master, 0, "none");
	fprintf(h->index, "</td><td class=\"num\">%zu</td><td class=\"num\">"
	    "%zu</td></tr>\n", v->nparams, errors);

	fputs("</h3>\n<p class=\"meta\">model ", h->body);
	esc(h->body, v->r->model ? v->r->model : "unknown");
	fputs(", master <span class=\"loc\">", h->body);
	esc_loc(h->body, v->r->master, 0, "none");
	fputs("</span>; files, highest precedence first: ", h->body);
	for (k = 0; k < v->r->nfiles; k++) {
		fputs(k ? ", <span class=\"loc\">" : "<span class=\"loc\">",
		    h->body);
		esc_loc(h->body, v->r->files[k].path, 0, NULL);
		fprintf(h->body, "</span> (%s, %s)",
		    role_name(v->r->files[k].role),
		    cfg_status_name(v->r->files[k].status));
	}
	fputs("</p>\n<table class=\"params\">\n", h->body);
	/* The MAC is the section's title, not a column. */
	n = thead(h->body, report_param_cols, 1, cols);
	fputs("<tbody>\n", h->body);
	for (i = 0; i < v->nparams; i++) {
		report_param_row(&row, v, v->params[i]);
		fputs("<tr>", h->body);
		for (k = 1; k < n; k++)
			cell(h->body, &row, cols[k]);
		fputs("</tr>\n", h->body);
		if (row.note != NULL) {
			fprintf(h->body, "<tr class=\"why\"><td></td><td "
			    "colspan=\"%zu\">", n - 2);
			esc(h->body, row.note);
			fputs("</td></tr>\n", h->body);
		}
	}
	fputs("</tbody></table>\n", h->body);
	findings_list(h->body, v->findings);
	fputs("</section>\n", h->body);
}

static void
show(struct report *rep, const struct showview *v)
{
	param_phone(rep, v, "show");
}

static void
scan_phone(struct report *rep, const struct showview *v)
{
	param_phone(rep, v, "scan");
}

static void
scan_pin(struct report *rep, const char *mac, const struct pin_report *pr)
{
	struct html	*h = html(rep, "scan");
	const char	*what, *why;
	size_t		 i;

	h->pin = 1;
	why = report_pin_reason(pr, &what);
	phone_start(h, mac);
	fputs("<td>", h->index);
	badge(h->index, pin_verdict_name(pr->verdict));
	fputs("</td><td>", h->index);
	esc(h->index, why);
	fputs("</td></tr>\n", h->index);

	fputs(": PIN sign-in should be offered: ", h->body);
	badge(h->body, pin_verdict_name(pr->verdict));
	fputs("</h3>\n<table class=\"params\"><thead><tr><th>CHECK</th>"
	    "<th>STATUS</th><th>EVIDENCE</th><th>FROM</th></tr></thead>"
	    "<tbody>\n", h->body);
	for (i = 0; i < pr->n; i++) {
		fputs("<tr><td>", h->body);
		esc(h->body, pr->v[i].what);
		fputs("</td><td>", h->body);
		badge(h->body, pin_status_name(pr->v[i].status));
		fputs("</td><td>", h->body);
		esc(h->body, pr->v[i].message);
		fputs("</td><td class=\"loc\">", h->body);
		esc_loc(h->body, pr->v[i].file, pr->v[i].line, "-");
		fputs("</td></tr>\n", h->body);
	}
	fputs("</tbody></table>\n</section>\n", h->body);
}

static void
audit_phone(struct report *rep, const struct auditview *a)
{
	struct html			*h = html(rep, "audit");
	const struct phone_result	*res = a->res;
	const struct report_col		*cols[8];
	struct report_row		 row;
	const char			*result, *token;
	size_t				 i, k, n;
	int				 v;

	if (a->r != NULL)
		count_findings(h, &a->r->findings);
	if (a->df == NULL || res->kind != PHONE_OK)
		result = "failed";
	else if (a->df->count[V_MATCH] == a->df->n &&
	    a->prov != PROV_DIFFERENT)
		result = "matched";
	else
		result = "drifted";
	phone_start(h, res->host);
	fputs("<td>", h->index);
	esc(h->index, res->id.mac[0] ? res->id.mac : "?");
	fputs("</td><td>", h->index);
	esc(h->index, res->id.model ? res->id.model : "?");
	fputs("</td><td>", h->index);
	badge(h->index, result);
	fputs("</td>", h->index);
	for (v = 0; v < V_COUNT; v++)
		fprintf(h->index, "<td class=\"num\">%zu</td>",
		    a->df ? a->df->count[v] : 0);
	fputs("</tr>\n", h->index);

	fputs(" ", h->body);
	badge(h->body, result);
	fputs("</h3>\n<p class=\"meta\">MAC ", h->body);
	esc(h->body, res->id.mac[0] ? res->id.mac : "?");
	fputs(", model ", h->body);
	token = a->r != NULL ? a->r->model : res->id.model;
	esc(h->body, res->id.model_raw ? res->id.model_raw : token ? token :
	    "?");
	if (res->id.model_raw != NULL && token != NULL &&
	    strcmp(res->id.model_raw, token) != 0) {
		fputs(" (files: ", h->body);
		esc(h->body, token);
		fputs(")", h->body);
	}
	fputs(", firmware ", h->body);
	esc(h->body, res->id.firmware ? res->id.firmware : "?");
	if (res->id.prov_server != NULL) {
		fputs("; provisioning server ", h->body);
		esc_value(h->body, *res->id.prov_server ?
		    res->id.prov_server : NULL, "none reported");
		if (res->id.prov_user != NULL && *res->id.prov_user) {
			fputs(", user ", h->body);
			esc(h->body, res->id.prov_user);
		}
	}
	if (a->r != NULL) {
		fputs("; master <span class=\"loc\">", h->body);
		esc_loc(h->body, a->r->master, 0, "none");
		fputs("</span>", h->body);
	}
	fputs("</p>\n", h->body);
	if (a->prov_why != NULL) {
		fprintf(h->body, "<p class=\"%s\">", a->prov == PROV_DIFFERENT ?
		    "warn" : "note");
		esc(h->body, a->prov_why);
		fputs("</p>\n", h->body);
	}
	if (res->insecure)
		fputs("<p class=\"warn\">TLS not verified (--insecure)</p>\n",
		    h->body);
	if (res->tls_warning != NULL) {
		fputs("<p class=\"warn\">", h->body);
		esc(h->body, res->tls_warning);
		fputs("</p>\n", h->body);
	}
	if (res->error != NULL) {
		fputs("<p class=\"error\">", h->body);
		esc(h->body, res->error);
		fputs("</p>\n", h->body);
	}
	if (a->df != NULL) {
		fputs("<table class=\"params\">\n", h->body);
		n = thead(h->body, report_audit_cols, 0, cols);
		fputs("<tbody>\n", h->body);
		for (i = 0; i < a->df->n; i++) {
			report_audit_row(&row, a, &a->df->rows[i]);
			row.e = a->df->rows[i].share;
			fprintf(h->body, "<tr class=\"r-%s\">", row.verdict);
			for (k = 0; k < n; k++)
				cell(h->body, &row, cols[k]);
			fputs("</tr>\n", h->body);
			if (row.reason != NULL &&
			    a->df->rows[i].verdict != V_MATCH) {
				fprintf(h->body, "<tr class=\"why\"><td></td>"
				    "<td colspan=\"%zu\">why: ", n - 1);
				esc(h->body, row.reason);
				fputs("</td></tr>\n", h->body);
			}
		}
		fputs("</tbody></table>\n", h->body);
	}
	if (a->r != NULL)
		findings_list(h->body, &a->r->findings);
	fputs("</section>\n", h->body);
}

/* One side of a change: the value, then where it comes from. */
static void
change_side(FILE *fp, const struct change *c, const struct change_side *s,
    int show)
{
	if (!s->present) {
		fputs("<span class=\"none\">(no such phone)</span>", fp);
		return;
	}
	esc_value(fp, report_secret(show, c->name, s->value), "(unset)");
	fputs("<br><span class=\"meta\">", fp);
	esc_loc(fp, s->file, s->line, psource_name(s->source));
	fputs("</span>", fp);
}

/* diff: a row per changed phone in the index, its changes in a section. */
static void
change_phone(struct report *rep, const struct change_phone *cp)
{
	struct html		*h = html(rep, "diff");
	const struct change	*c;
	char			*why;
	size_t			 i;

	phone_start(h, cp->mac);
	fprintf(h->index, "<td class=\"num\">%zu</td><td>", cp->n);
	esc(h->index, cp->v[0].name);
	fputs("</td></tr>\n", h->index);
	fputs("</h3>\n<table><thead><tr><th>PARAMETER</th><th>OLD</th>"
	    "<th>NEW</th><th>CAUSE</th></tr></thead>\n<tbody>\n", h->body);
	for (i = 0; i < cp->n; i++) {
		c = &cp->v[i];
		fputs("<tr><td>", h->body);
		esc(h->body, c->name);
		fputs("</td><td>", h->body);
		change_side(h->body, c, &c->old, rep->show_secrets);
		fputs("</td><td>", h->body);
		change_side(h->body, c, &c->new, rep->show_secrets);
		fputs("</td><td>", h->body);
		why = change_why(c, 0);
		esc(h->body, why);
		free(why);
		if (c->list != NULL) {
			fputs(" (", h->body);
			esc_loc(h->body, c->list, c->list_line, "");
			fputs(")", h->body);
		}
		fputs("</td></tr>\n", h->body);
	}
	fputs("</tbody></table></section>\n", h->body);
}

/* The totals live until the report closes: the caller frees them after. */
static void
change_end(struct report *rep, const struct change_totals *t)
{
	html(rep, "diff")->totals = t;
}

static const char css[] =
"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;"
"color:#1f2328;background:#f6f8fa;margin:0}"
"main{max-width:1180px;margin:0 auto;padding:24px}"
"header{background:#24292f;color:#fff;padding:18px 24px}"
"header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#c9d1d9}"
"header code{background:#32383f;color:#fff}"
"h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid #d0d7de;"
"padding-bottom:4px}"
"h3{font-size:15px;margin:0 0 6px}"
".cards{display:flex;gap:12px;flex-wrap:wrap}"
".card{background:#fff;border:1px solid #d0d7de;border-radius:6px;"
"padding:10px 16px;min-width:120px}"
".card strong{display:block;font-size:24px}"
".card.bad strong{color:#cf222e}.card.ok strong{color:#1a7f37}"
".card.warn strong{color:#9a6700}"
"table{border-collapse:collapse;width:100%;background:#fff;"
"border:1px solid #d0d7de;margin:6px 0 12px}"
"th{text-align:left;font-size:11px;letter-spacing:.04em;color:#57606a;"
"background:#f6f8fa;padding:6px 8px;border-bottom:1px solid #d0d7de}"
"td{padding:5px 8px;border-bottom:1px solid #eaeef2;vertical-align:top;"
"overflow-wrap:break-word}"
"td code,td .loc{overflow-wrap:anywhere}"
"td.num{text-align:right;font-variant-numeric:tabular-nums}"
"code,.loc{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}"
"code{background:#eff1f3;padding:1px 4px;border-radius:4px}"
".loc{color:#0550ae}.none{color:#8c959f;font-style:italic}"
".shadow{color:#57606a;font-size:12px}"
"tr.why td{color:#57606a;font-size:12px;border-top:0}"
".badge{display:inline-block;padding:0 7px;border-radius:10px;"
"font-size:12px;font-weight:600;background:#eaeef2;color:#24292f;"
"white-space:nowrap}"
".v-match,.v-yes,.v-ok,.v-matched{background:#dafbe1;color:#1a7f37}"
".v-drift,.v-no,.v-fail,.v-error,.v-drifted,.v-failed{background:#ffebe9;"
"color:#cf222e}"
".v-not-on-phone,.v-phone-only,.v-cannot-tell,.v-unknown{"
"background:#fff8c5;color:#9a6700}"
"tr.r-drift td:first-child,tr.r-error td:first-child{"
"box-shadow:inset 3px 0 #cf222e}"
"section.phone{background:#fff;border:1px solid #d0d7de;border-radius:6px;"
"padding:14px 16px;margin:14px 0}"
"section.phone table{border:0;margin:8px 0 0}"
".meta{color:#57606a;margin:0 0 6px}"
".warn{color:#9a6700}.error{color:#cf222e}.note{color:#57606a}"
"ul.findings{margin:8px 0 0;padding-left:18px}"
".sev{font-weight:600}.s-error{color:#cf222e}.s-warning{color:#9a6700}"
".s-note{color:#57606a}.code{color:#57606a}"
".bar{display:inline-block;height:10px;background:#0969da;"
"border-radius:2px;vertical-align:middle}"
"svg text{font:12px ui-monospace,Menlo,monospace;fill:#1f2328}"
"footer{color:#57606a;font-size:12px;margin:24px 0}";

/*
 * A horizontal bar chart: per label, "ok" (green) and "off" (red) phones
 * stacked, scaled to the largest total.
 */
static void
chart(FILE *fp, const char *title, const char *oklabel, const char *offlabel,
    const char **labels, const size_t *ok, const size_t *off, size_t n)
{
	const int	lw = 360, bw = 520, rh = 20;
	size_t		i, max = 1;
	double		x;

	for (i = 0; i < n; i++)
		if (ok[i] + off[i] > max)
			max = ok[i] + off[i];
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%zu\" role=\"img\" aria-label=\"", lw + bw + 60,
	    n * rh + 28);
	esc(fp, title);
	fputs("\">\n", fp);
	fprintf(fp, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" "
	    "fill=\"#2da44e\"/><text x=\"%d\" y=\"13\">", lw, lw + 14);
	esc(fp, oklabel);
	fprintf(fp, "</text><rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" "
	    "fill=\"#cf222e\"/><text x=\"%d\" y=\"13\">", lw + 200, lw + 214);
	esc(fp, offlabel);
	fputs("</text>\n", fp);
	for (i = 0; i < n; i++) {
		fprintf(fp, "<text x=\"%d\" y=\"%zu\" text-anchor=\"end\">",
		    lw - 8, 24 + i * rh + 14);
		esc(fp, labels[i]);
		x = (double)bw * ok[i] / max;
		fprintf(fp, "</text><rect x=\"%d\" y=\"%zu\" width=\"%.1f\" "
		    "height=\"14\" fill=\"#2da44e\"/>", lw, 24 + i * rh + 3, x);
		fprintf(fp, "<rect x=\"%.1f\" y=\"%zu\" width=\"%.1f\" "
		    "height=\"14\" fill=\"#cf222e\"/>", lw + x, 24 + i * rh + 3,
		    (double)bw * off[i] / max);
		fprintf(fp, "<text x=\"%.1f\" y=\"%zu\">%zu / %zu</text>\n",
		    lw + (double)bw * (ok[i] + off[i]) / max + 6,
		    24 + i * rh + 14, off[i], ok[i] + off[i]);
	}
	fputs("</svg>\n", fp);
}

static void
card(FILE *fp, const char *cls, size_t n, const char *what)
{
	fprintf(fp, "<div class=\"card %s\"><strong>%zu</strong>%s</div>", cls,
	    n, what);
}

/* Findings by severity and by code. */
static void
findings_summary(FILE *fp, struct html *h)
{
	const char	**keys, *key, *code;
	size_t		  i, n;

	fputs("<h2>Findings by severity</h2>\n<div class=\"cards\">", fp);
	card(fp, h->nsev[SEV_ERROR] ? "bad" : "ok", h->nsev[SEV_ERROR],
	    "errors");
	card(fp, h->nsev[SEV_WARNING] ? "warn" : "ok", h->nsev[SEV_WARNING],
	    "warnings");
	card(fp, "", h->nsev[SEV_NOTE], "notes");
	fputs("</div>\n", fp);
	if (h->found == NULL)
		return;
	n = strmap_count(h->found);
	keys = xreallocarray(NULL, n, sizeof(*keys));
	for (i = 0; i < n; i++)
		strmap_at(h->found, i, &keys[i]);
	report_sort_keys(keys, n);
	fputs("<table class=\"found\"><thead><tr><th>SEVERITY</th><th>CODE"
	    "</th><th>FINDINGS</th></tr></thead><tbody>\n", fp);
	for (i = 0; i < n; i++) {
		key = keys[i];
		code = strchr(key, REPORT_SEP) + 1;
		fprintf(fp, "<tr><td><span class=\"sev s-%.*s\">%.*s</span>"
		    "</td><td>%s</td><td class=\"num\">%zu</td></tr>\n",
		    (int)(code - key - 1), key, (int)(code - key - 1), key,
		    code, (size_t)(uintptr_t)strmap_get(h->found, key));
	}
	fputs("</tbody></table>\n", fp);
	free(keys);
}

/*
 * Per parameter, per value and winning file, how many phones: for the
 * PIN sign-in set that is PIN readiness.  Then the drift chart: phones
 * off the parameter's most common value.
 */
static void
scan_summary(FILE *fp, const struct scantally *t)
{
	struct keyparts	  kp;
	const char	**keys;
	char		**names;
	size_t		 *best, *off, i, n, nn = 0, vcount = 0;

	n = report_scan_sorted(t, &keys);
	names = xreallocarray(NULL, n ? n : 1, sizeof(*names));
	best = xcalloc(n ? n : 1, sizeof(*best));
	off = xcalloc(n ? n : 1, sizeof(*off));
	fputs("<h2>Values per parameter and winning file</h2>\n<table "
	    "class=\"values\"><thead><tr><th>PARAMETER</th><th>VALUE</th>"
	    "<th>WINNING FILE</th><th>PHONES</th><th></th></tr></thead>"
	    "<tbody>\n", fp);
	for (i = 0; i < n; i++) {
		report_key_parts(t, keys, i, &kp);
		if (kp.newname) {
			names[nn++] = kp.name;
			kp.name = NULL;
		}
		if (kp.newvalue)
			vcount = 0;
		vcount += kp.count;
		off[nn - 1] += kp.count;	/* all phones, until the end */
		if (vcount > best[nn - 1])
			best[nn - 1] = vcount;
		fputs("<tr><td>", fp);
		if (kp.newname)
			esc(fp, names[nn - 1]);
		fputs("</td><td>", fp);
		if (kp.newvalue)
			esc_value(fp, kp.value, "");
		fputs("</td><td class=\"loc\">", fp);
		esc_loc(fp, kp.from, 0, NULL);
		fprintf(fp, "</td><td class=\"num\">%zu</td><td><span class="
		    "\"bar\" style=\"width:%.0fpx\"></span></td></tr>\n",
		    kp.count, t->phones ? 200.0 * kp.count / t->phones : 0);
		report_key_parts_free(&kp);
	}
	fputs("</tbody></table>\n", fp);
	for (i = 0; i < nn; i++)
		off[i] -= best[i];
	fputs("<h2>Drift per parameter</h2>\n<p class=\"meta\">Phones on the "
	    "parameter's most common value, and phones on another.</p>\n",
	    fp);
	chart(fp, "phones per parameter on its most common value and on "
	    "another", "most common value", "another value",
	    (const char **)names, best, off, nn < CHART_MAX ? nn : CHART_MAX);
	for (i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	free(best);
	free(off);
	free(keys);
}

static void
audit_summary(FILE *fp, const struct fleettally *f)
{
	const char	**names;
	size_t		 *counts, *ok, n, i, audited;

	fputs("<h2>Summary</h2>\n<div class=\"cards\">", fp);
	card(fp, "ok", f->matched, "matched");
	card(fp, f->drifted ? "bad" : "ok", f->drifted, "drifted");
	card(fp, f->failed ? "bad" : "ok", f->failed, "failed");
	fputs("</div>\n", fp);
	n = report_fleet_sorted(f, &names, &counts);
	audited = f->matched + f->drifted;
	ok = xcalloc(n ? n : 1, sizeof(*ok));
	for (i = 0; i < n; i++)
		ok[i] = audited > counts[i] ? audited - counts[i] : 0;
	fputs("<h2>Drift per parameter</h2>\n", fp);
	if (n == 0)
		fputs("<p class=\"meta\">No parameter drifts.</p>\n", fp);
	else
		chart(fp, "audited phones per parameter that agree with the "
		    "share and that drift", "agrees", "drifts", names, ok,
		    counts, n < CHART_MAX ? n : CHART_MAX);
	free(ok);
	free(names);
	free(counts);
}

/* The diff's summary: phones, then per parameter, transition and cause. */
static void
diff_summary(FILE *fp, const struct change_totals *t, int show)
{
	struct change_row	*rows;
	size_t			 i, n;

	fputs("<h2>Summary</h2>\n<div class=\"cards\">", fp);
	card(fp, "", t->phones, "phones");
	card(fp, t->changed ? "bad" : "ok", t->changed, "changed");
	card(fp, "", t->appeared, "appeared");
	card(fp, "", t->went, "went");
	fputs("</div>\n<h2>Changes per parameter, transition and cause</h2>\n",
	    fp);
	n = change_summary(t, &rows);
	if (n == 0)
		fputs("<p class=\"meta\">No effective value changes.</p>\n",
		    fp);
	else
		fputs("<table><thead><tr><th>PARAMETER</th><th>OLD</th>"
		    "<th>NEW</th><th>PHONES</th><th>CAUSE</th></tr></thead>\n"
		    "<tbody>\n", fp);
	for (i = 0; i < n; i++) {
		fputs("<tr><td>", fp);
		esc(fp, rows[i].name);
		fputs("</td><td>", fp);
		esc_value(fp, rows[i].old.present ? report_secret(show,
		    rows[i].name, rows[i].old.value) : NULL,
		    rows[i].old.present ? "(unset)" : "(absent)");
		fputs("</td><td>", fp);
		esc_value(fp, rows[i].new.present ? report_secret(show,
		    rows[i].name, rows[i].new.value) : NULL,
		    rows[i].new.present ? "(unset)" : "(absent)");
		fprintf(fp, "</td><td class=\"num\">%zu</td><td>",
		    rows[i].count);
		esc(fp, rows[i].cause);
		fputs("</td></tr>\n", fp);
	}
	if (n > 0)
		fputs("</tbody></table>\n", fp);
	change_rows_free(rows, n);
}

/* The page: head, summary, the phones' index, then their sections. */
static void
close_html(struct report *rep)
{
	struct html	*h = html(rep, NULL);
	FILE		*fp = rep->fp;
	char		 when[32];
	time_t		 now = report_now();
	struct tm	 tm;

	fclose(h->index);
	fclose(h->body);
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n"
	    "<title>polyaudit %s: ", h->what);
	esc(fp, rep->share);
	fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n"
	    "<header><h1>polyaudit %s</h1><p>share <code>", css, h->what);
	esc(fp, rep->share);
	fprintf(fp, "</code> &middot; %s</p></header>\n<main>\n", when);
	if (strcmp(h->what, "audit") == 0)
		audit_summary(fp, &rep->flt);
	else if (h->totals != NULL)
		diff_summary(fp, h->totals, rep->show_secrets);
	else if (h->pin || rep->scan.counts != NULL) {
		fputs("<h2>Summary</h2>\n<div class=\"cards\">", fp);
		card(fp, "", rep->scan.phones, "phones");
		card(fp, rep->scan.failing ? "bad" : "ok", rep->scan.failing,
		    "with errors");
		if (h->pin)
			card(fp, rep->scan.notyes ? "bad" : "ok",
			    rep->scan.phones - rep->scan.notyes,
			    "offer PIN sign-in");
		fputs("</div>\n", fp);
		scan_summary(fp, &rep->scan);
	}
	if (h->totals == NULL)
		findings_summary(fp, h);
	fputs("<h2>Phones</h2>\n<table class=\"index\"><thead><tr>", fp);
	if (strcmp(h->what, "audit") == 0)
		fputs("<th>PHONE</th><th>MAC</th><th>MODEL</th><th>RESULT</th>"
		    "<th>MATCH</th><th>DRIFT</th><th>NOT ON PHONE</th>"
		    "<th>PHONE ONLY</th><th>ERROR</th>", fp);
	else if (h->pin)
		fputs("<th>MAC</th><th>PIN SIGN-IN</th><th>REASON</th>", fp);
	else if (h->totals != NULL)
		fputs("<th>MAC</th><th>CHANGES</th><th>FIRST</th>", fp);
	else
		fputs("<th>MAC</th><th>MODEL</th><th>MASTER</th>"
		    "<th>PARAMETERS</th><th>ERRORS</th>", fp);
	fputs("</tr></thead>\n<tbody>\n", fp);
	fwrite(h->ibuf, 1, h->ilen, fp);
	fputs("</tbody></table>\n", fp);
	fwrite(h->bbuf, 1, h->blen, fp);
	fputs("<footer>Made by polyaudit, which only reads: from the share "
	    "and, for an audit, the phones' REST API.</footer>\n</main>\n"
	    "</body>\n</html>\n", fp);
	free(h->ibuf);
	free(h->bbuf);
	strmap_free(h->found, NULL);
	free(h);
	rep->priv = NULL;
}

/* One line per report (enum report_kind); the others are not offered. */
const struct report_ops report_html_ops = {
	.name = "html",
	.show = show,
	.scan_phone = scan_phone, .scan_pin = scan_pin,
	.audit_phone = audit_phone,
	.change_phone = change_phone,
	.change_end = change_end,
	.close = close_html,
};
