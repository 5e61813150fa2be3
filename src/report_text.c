/*
 * The text report: what a person reads.  Values are quoted so that an
 * empty value, which masks lower layers, is visible; long values are cut.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp.h"
#include "dhcp_probe.h"
#include "hygiene.h"
#include "logcheck.h"
#include "phone.h"
#include "pin.h"
#include "provserver.h"
#include "redact.h"
#include "report.h"
#include "store.h"
#include "strmap.h"
#include "vis.h"
#include "xalloc.h"

#define VALUE_WIDTH	40	/* longer values are cut in text output */
#define AUDIT_WIDTH	24	/* ...and in the audit table's two columns */

/*
 * A quoted rendering of value, or "(unset)"; vis_fprintf() makes it
 * visible.  A value whose visible form takes more than cols columns is
 * cut there, never inside an escape or a UTF-8 sequence, and "..."
 * marks the cut.  Malloced.
 */
static char *
quote_cut(const char *value, size_t cols)
{
	size_t	len, w;

	if (value == NULL)
		return xstrdup("(unset)");
	if (vis_width(value) <= cols)
		return xasprintf("\"%s\"", value);
	len = vis_fit(value, cols, &w);
	return xasprintf("\"%.*s...\"", (int)len, value);
}

static char *
quote(const char *value)
{
	return quote_cut(value, VALUE_WIDTH);
}

static void
put_vis(FILE *fp, const char *s)
{
	vis_write(fp, s, strlen(s));
}

/* "file:line", or none when there is no file; made visible. */
static void
put_location(FILE *fp, const char *file, int line, const char *none)
{
	report_location(fp, file, line, none, put_vis);
}

/* The headers of cols, padded to w; the last one is not padded. */
static void
text_header(FILE *fp, const char *indent, const struct report_col **cols,
    size_t n, const int *w)
{
	size_t	i;

	fputs(indent, fp);
	for (i = 0; i + 1 < n; i++)
		vis_fprintf(fp, "%-*s  ", w[i], cols[i]->title);
	vis_fprintf(fp, "%s\n", cols[n - 1]->title);
}

/* A cell as text shows it; *owned is what to free, if anything. */
static const char *
text_cell(const struct report_row *row, const struct report_col *col,
    size_t cut, char **owned)
{
	const char	*s = report_cell(row, col);

	*owned = NULL;
	if (s == NULL && col->none != NULL)
		return col->none;
	if (col->kind == COL_VALUE)
		return *owned = quote_cut(s, cut);
	return s ? s : "";
}

static const char *
colour(const struct report *rep, const char *verdict)
{
	if (!rep->color)
		return "";
	if (strcmp(verdict, "match") == 0)
		return "\033[32m";
	if (strcmp(verdict, "drift") == 0 || strcmp(verdict, "error") == 0)
		return "\033[31m";
	return "\033[33m";
}

/*
 * A table row, built in rep's buffer and written with one fwrite(): a
 * scan writes one for every parameter, and stdio's cost per call was most
 * of a row.  Every column but the last padded to w, values cut after cut
 * columns, then the last, the file and line (none without a file), all
 * made visible, after indent spaces; then a newline if end.
 */
static void
text_row(struct report *rep, size_t indent, const struct report_col **cols,
    size_t n, const int *w, size_t cut, const struct report_row *row,
    const char *none, int end)
{
	struct vis_buf	*vb = rep->priv;
	const char	*cell;
	char		 line[REPORT_LINE_MAX], *path;
	size_t		 i, len, fit, k;
	int		 verdict;

	if (vb == NULL) {
		vb = rep->priv = xcalloc(1, sizeof(*vb));
		vis_grow(vb, 256);
	}
	vb->n = 0;
	if (indent > 0)
		vis_put(vb, NULL, indent);
	for (i = 0; i + 1 < n; i++) {
		cell = report_cell(row, cols[i]);
		verdict = cols[i]->kind == COL_VERDICT;
		if (cols[i]->kind == COL_VALUE && cell != NULL) {
			len = strlen(cell);
			vis_put(vb, "\"", 1);
			k = vis_append(vb, cell, len, cut, &fit) + 2;
			if (fit < len) {
				vis_put(vb, "...", 3);
				k += 3;
			}
			vis_put(vb, "\"", 1);
		} else {
			if (cell == NULL)
				cell = cols[i]->none != NULL ? cols[i]->none :
				    cols[i]->kind == COL_VALUE ? "(unset)" : "";
			if (verdict)
				vis_put(vb, colour(rep, cell),
				    strlen(colour(rep, cell)));
			k = vis_append(vb, cell, strlen(cell), SIZE_MAX, &fit);
		}
		k = w[i] > 0 && (size_t)w[i] > k ? (size_t)w[i] - k : 0;
		if (verdict && rep->color) {
			vis_put(vb, NULL, k);
			vis_put(vb, "\033[0m", 4);
			k = 0;
		}
		vis_put(vb, NULL, k + 2);
	}
	/* Most paths hold no password: written without a copy. */
	if (row->file != NULL && redact_url_hides(row->file)) {
		path = report_path(row->file);
		vis_append(vb, path, strlen(path), SIZE_MAX, &fit);
		free(path);
	} else if ((cell = row->file != NULL ? row->file : none) != NULL)
		vis_append(vb, cell, strlen(cell), SIZE_MAX, &fit);
	if (row->file != NULL && row->line > 0) {
		k = report_line_str(line, row->line);
		vis_put(vb, line + sizeof(line) - k, k);
	}
	if (end)
		vis_put(vb, "\n", 1);
	fwrite(vb->b, 1, vb->n, rep->fp);
}

static void
text_close(struct report *rep)
{
	struct vis_buf	*vb = rep->priv;

	if (vb != NULL)
		free(vb->b);
	free(vb);
	rep->priv = NULL;
}

static void	firmware_text(FILE *, const struct resolution *);
static void	text_finding(FILE *, const struct finding *);

static void
text_files(FILE *fp, const struct resolution *r)
{
	const struct chainfile	*f;
	char			*path;
	size_t			 i, w = 4;

	for (i = 0; i < r->nfiles; i++)
		if (vis_width(r->files[i].path) > w)
			w = vis_width(r->files[i].path);
	vis_fprintf(fp, "Files for %s, highest precedence first (master %s):\n",
	    r->mac, r->master ? r->master : "none");
	for (i = 0; i < r->nfiles; i++) {
		f = &r->files[i];
		path = report_path(f->path);
		vis_fprintf(fp, "  %-14s  %-*s  %s", role_name(f->role), (int)w,
		    path, cfg_status_name(f->status));
		if (f->error != NULL && f->status != CFG_MISSING)
			vis_fprintf(fp, ": %s", f->error);
		if (report_created(f) != NULL)
			vis_fprintf(fp, ", created %s", report_created(f));
		fputc('\n', fp);
		free(path);
	}
	firmware_text(fp, r);
}

/* The image the master selects: path, attribute, status, release. */
static void
firmware_text(FILE *fp, const struct resolution *r)
{
	const struct firmware	*fw = &r->firmware;

	if (fw->attr == NULL)
		return;
	fputs("Firmware: ", fp);
	if (fw->path != NULL)
		put_location(fp, fw->path, 0, "");
	else
		fputs("none", fp);
	vis_fprintf(fp, " (%s, ", fw->attr);
	put_location(fp, r->master, fw->line, "-");
	fprintf(fp, "): %s", fw_status_name(fw->status));
	if (fw->version != NULL) {
		vis_fprintf(fp, ", release %s from ", fw->version);
		put_location(fp, fw->version_from, 0, "");
	}
	fputc('\n', fp);
}

static void
files(struct report *rep, const struct resolution *r)
{
	text_files(rep->fp, r);
	if (r->findings.n > 0) {
		vis_fprintf(rep->fp, "\nFindings:\n");
		report_findings_text(rep->fp, &r->findings);
	}
}

static void
show(struct report *rep, const struct showview *v)
{
	FILE			*fp = rep->fp;
	const struct report_col	*cols[8];
	const struct eparam	*e;
	const struct origin	*o;
	struct report_row	 row;
	char			*q;
	size_t			 i, k, n, wl;
	int			 w[8] = { 9, 5, 14 };

	/* The first text column is the MAC: one phone needs none. */
	n = report_text_cols(report_param_cols, cols) - 1;
	vis_fprintf(fp, "Phone %s, model %s\n\n", v->r->mac,
	    v->r->model ? v->r->model : "unknown (give --model)");
	text_files(fp, v->r);
	for (i = 0; i < v->nparams; i++) {
		e = v->params[i];
		if ((int)vis_width(e->name) > w[0])
			w[0] = (int)vis_width(e->name);
		q = quote(report_value(v, e->name, e->value));
		if ((int)vis_width(q) > w[1])
			w[1] = (int)vis_width(q);
		free(q);
	}
	if (v->nparams == 0)
		fprintf(fp, "\nEffective values: no value set\n");
	else {
		fprintf(fp, "\nEffective values:\n");
		text_header(fp, "  ", cols + 1, n, w);
	}
	for (i = 0; i < v->nparams; i++) {
		e = v->params[i];
		report_param_row(&row, v, e);
		text_row(rep, 2, cols + 1, n, w, VALUE_WIDTH, &row, "-", 0);
		if (row.set_as != NULL)
			vis_fprintf(fp, " (as %s)", row.set_as);
		fputc('\n', fp);
		wl = w[0] + 4;
		if (e->note != NULL)
			vis_fprintf(fp, "%*s%s\n", (int)wl, "", e->note);
		for (k = 0; k < e->nshadowed; k++) {
			o = &e->shadowed[k];
			q = quote(report_value(v, e->name, o->value));
			vis_fprintf(fp, "%*sshadows %s from ", (int)wl, "", q);
			put_location(fp, o->file, o->line, "-");
			fputc('\n', fp);
			free(q);
		}
	}
	if (v->findings->n > 0) {
		vis_fprintf(fp, "\nFindings:\n");
		report_findings_text(fp, v->findings);
	}
}

/* One indented line per finding. */
void
report_findings_text(FILE *fp, const struct findings *fs)
{
	size_t	i;

	for (i = 0; i < fs->n; i++) {
		fputs("  ", fp);
		text_finding(fp, &fs->v[i]);
	}
}

/* "file:line: level: message [code]" and a newline. */
static void
text_finding(FILE *fp, const struct finding *f)
{
	if (f->file != NULL) {
		put_location(fp, f->file, f->line, "");
		fputs(": ", fp);
	}
	vis_fprintf(fp, "%s: %s [%s]\n", severity_name(f->sev), f->message,
	    findings_name(f->code));
}

/* Fixed-width rows, one per parameter, so a scan can stream them. */
static void
scan_phone(struct report *rep, const struct showview *v)
{
	static const int	 w[8] = { 12, 30, 10, 14 };
	const struct report_col	*cols[8];
	struct report_row	 row;
	size_t			 i, n;

	n = report_text_cols(report_param_cols, cols);
	if (rep->n == 0)
		text_header(rep->fp, "", cols, n, w);
	for (i = 0; i < v->nparams; i++) {
		report_param_row(&row, v, v->params[i]);
		text_row(rep, 0, cols, n, w, VALUE_WIDTH, &row, "-", 1);
	}
	for (i = 0; i < v->findings->n; i++)
		if (hygiene_code(v->findings->v[i].code)) {
			vis_fprintf(rep->fp, "%-12s  ", v->r->mac);
			text_finding(rep->fp, &v->findings->v[i]);
		}
}

static void
scan_pin(struct report *rep, const char *mac, const struct pin_report *pr)
{
	const char	*what;

	vis_fprintf(rep->fp, "%s  %-11s  %s\n", mac,
	    pin_verdict_name(pr->verdict), report_pin_reason(pr, &what));
}

/* Per parameter, per value: how many phones, and from which files. */
void
report_scan_summary_text(FILE *fp, const struct scantally *t)
{
	struct keyparts	  kp;
	const char	**keys;
	size_t		  i, n;

	vis_fprintf(fp, "\nSummary: %zu phone%s, %zu with errors\n", t->phones,
	    t->phones == 1 ? "" : "s", t->failing);
	n = report_scan_sorted(t, &keys);
	for (i = 0; i < n; i++) {
		report_key_parts(t, keys, i, &kp);
		if (kp.newname)
			vis_fprintf(fp, "  %s\n", kp.name);
		if (kp.newvalue)
			vis_fprintf(fp, "    \"%s\"\n", kp.value);
		vis_fprintf(fp, "      %6zu  %s\n", kp.count, kp.from);
		report_key_parts_free(&kp);
	}
	free(keys);
}

static void
scan_end(struct report *rep)
{
	report_scan_summary_text(rep->fp, &rep->scan);
}

/*
 * What the phone reported beside the token that selects its files
 * (CONFIG_FILES_<token>), when they differ: "VVX 411 (files: VVX411)".
 */
static void
put_model(FILE *fp, const char *reported, const char *token)
{
	if (reported == NULL)
		vis_fprintf(fp, "%s", token ? token : "?");
	else if (token == NULL || strcmp(reported, token) == 0)
		vis_fprintf(fp, "%s", reported);
	else
		vis_fprintf(fp, "%s (files: %s)", reported, token);
}

/* network/info's provisioning server, type and user; never a password. */
static void
put_prov(FILE *fp, const struct phone_identity *id)
{
	vis_fprintf(fp, "Provisioning server the phone uses: %s",
	    *id->prov_server ? id->prov_server : "none reported");
	if (id->prov_type != NULL && *id->prov_type)
		vis_fprintf(fp, " (%s%s%s)", id->prov_type, id->prov_user &&
		    *id->prov_user ? ", user " : "", id->prov_user &&
		    *id->prov_user ? id->prov_user : "");
	else if (id->prov_user != NULL && *id->prov_user)
		vis_fprintf(fp, " (user %s)", id->prov_user);
	fputc('\n', fp);
}

/* One phone's audit as a table; reasons beneath the rows that need one. */
static void
audit_phone(struct report *rep, const struct auditview *a)
{
	FILE				*fp = rep->fp;
	const struct phone_result	*res = a->res;
	const struct report_col		*cols[8];
	struct report_row		 row;
	size_t				 i, k, n;
	int				 v, w[8] = { 9, 12, 12, 12 };
	const char			*cell;
	char				*owned;

	vis_fprintf(fp, "Phone %s: MAC %s, model ", res->host,
	    res->id.mac[0] ? res->id.mac : "?");
	put_model(fp, res->id.model_raw, a->r ? a->r->model : res->id.model);
	vis_fprintf(fp, ", firmware %s\n", res->id.firmware ?
	    res->id.firmware : "?");
	if (res->id.prov_server != NULL)
		put_prov(fp, &res->id);
	if (a->prov_why != NULL)
		vis_fprintf(fp, "%s%s\n", a->prov == PROV_DIFFERENT ?
		    "WARNING: " : a->prov == PROV_SAME ? "Same server: " :
		    "Note: ", a->prov_why);
	if (res->insecure)
		vis_fprintf(fp, "WARNING: TLS not verified (--insecure)\n");
	if (res->tls_warning != NULL)
		vis_fprintf(fp, "WARNING: %s\n", res->tls_warning);
	if (res->error != NULL)
		vis_fprintf(fp, "ERROR: %s\n", res->error);
	if (a->df == NULL) {
		fputc('\n', fp);
		return;
	}
	vis_fprintf(fp, "Share %s, master %s\n", a->share, a->r->master ?
	    a->r->master : "none");
	firmware_text(fp, a->r);
	for (i = 0; i < a->r->findings.n; i++)
		if (a->r->findings.v[i].code == FIND_FIRMWARE_DRIFT)
			vis_fprintf(fp, "WARNING: %s [%s]\n",
			    a->r->findings.v[i].message,
			    findings_name(FIND_FIRMWARE_DRIFT));
	fputc('\n', fp);
	/* Values are cut so that a long one keeps the columns aligned. */
	n = report_text_cols(report_audit_cols, cols);
	for (i = 0; i < a->df->n; i++) {
		report_audit_row(&row, a, &a->df->rows[i]);
		for (k = 0; k + 1 < n; k++) {
			cell = text_cell(&row, cols[k], AUDIT_WIDTH, &owned);
			if ((int)vis_width(cell) > w[k])
				w[k] = (int)vis_width(cell);
			free(owned);
		}
	}
	text_header(fp, "  ", cols, n, w);
	for (i = 0; i < a->df->n; i++) {
		report_audit_row(&row, a, &a->df->rows[i]);
		text_row(rep, 2, cols, n, w, AUDIT_WIDTH, &row, row.source, 0);
		vis_fprintf(fp, " / %s\n", row.phone_source ? row.phone_source :
		    "-");
		if (row.reason != NULL && a->df->rows[i].verdict != V_MATCH)
			vis_fprintf(fp, "  %*s  why: %s\n", w[0], "",
			    row.reason);
	}
	vis_fprintf(fp, "\nSummary:");
	for (v = 0; v < V_COUNT; v++)
		vis_fprintf(fp, "%s %zu %s", v ? "," : "", a->df->count[v],
		    verdict_name(v));
	vis_fprintf(fp, "\n\n");
}

/* Phones matched, drifted, failed, and what drifts most often. */
void
report_fleet_summary_text(FILE *fp, const struct fleettally *f)
{
	const char	**names;
	size_t		 *counts, n, i;

	vis_fprintf(fp, "Fleet: %zu phones: %zu matched, %zu drifted, %zu "
	    "failed\n", f->matched + f->drifted + f->failed, f->matched,
	    f->drifted, f->failed);
	n = report_fleet_sorted(f, &names, &counts);
	for (i = 0; i < n && i < 10; i++)
		vis_fprintf(fp, "  %6zu  %s\n", counts[i], names[i]);
	free(names);
	free(counts);
}

static void
audit_end(struct report *rep)
{
	if (rep->fleet)
		report_fleet_summary_text(rep->fp, &rep->flt);
}

/* The verdict, then the evidence, failures first. */
static void
pin(struct report *rep, const char *mac, const struct pin_report *pr)
{
	static const char *const mark[] = { "ok", "NO", "??", "--" };
	static const enum pin_status order[] = {
		PIN_FAIL, PIN_UNKNOWN, PIN_OK, PIN_INFO,
	};
	size_t	i, k;

	vis_fprintf(rep->fp, "Phone %s: PIN sign-in should be offered: %s\n",
	    mac, pin_verdict_name(pr->verdict));
	for (k = 0; k < 4; k++)
		for (i = 0; i < pr->n; i++)
			if (pr->v[i].status == order[k])
				vis_fprintf(rep->fp, "  [%s] %s\n",
				    mark[pr->v[i].status], pr->v[i].message);
}

/* A DHCP value as text if printable, else as hex.  Malloced. */
static char *
dhcp_value(const unsigned char *p, size_t len)
{
	if (dhcp_is_printable(p, len))
		return xstrndup((const char *)p, len);
	return dhcp_hex_format(p, len);
}

static void
dhcp_subs(FILE *fp, const struct dhcp_result *r)
{
	const struct dhcp_subopt	*s;
	const char			*name;
	char				*v;
	size_t				 i;

	for (i = 0; i < r->nsubs; i++) {
		s = &r->subs[i];
		name = dhcp_subopt_name(r->option, s->code);
		v = dhcp_value(s->value, s->have);
		vis_fprintf(fp, "  %3d  %-24s %3zu  %s%s", s->code,
		    name ? name : "(unknown)", s->length,
		    dhcp_is_printable(s->value, s->have) ? "" : "hex ", v);
		if (s->have != s->length)
			fprintf(fp, "  [cut: only %zu of %zu bytes]", s->have,
			    s->length);
		vis_fprintf(fp, "\n");
		free(v);
	}
}

static void
dhcp_result(FILE *fp, const struct dhcp_result *r, size_t len)
{
	size_t	i;

	switch (r->option) {
	case 43:
		vis_fprintf(fp, "option 43 (MS-UC-Client vendor options), %zu "
		    "bytes\n", len);
		vis_fprintf(fp, "  code name                     len  value\n");
		dhcp_subs(fp, r);
		vis_fprintf(fp, "STS URI: %s\n", r->sts_uri ? r->sts_uri :
		    "(cannot be composed)");
		break;
	case 120:
		fprintf(fp, "option 120 (SIP servers, RFC 3361), %zu bytes, "
		    "encoding %d (%s)\n", len, r->encoding,
		    r->encoding == 0 ? "domain names" : r->encoding == 1 ?
		    "IPv4 addresses" : "unknown");
		for (i = 0; i < r->nitems; i++)
			vis_fprintf(fp, "  %s\n", r->items[i]);
		break;
	case 60:
		if (r->encoding == DHCP_60_VIVC) {
			fprintf(fp, "option 60 (vendor class), %zu bytes, RFC "
			    "3925 form, enterprise %u%s\n", len,
			    (unsigned int)r->enterprise,
			    r->enterprise == DHCP_POLY_ENTERPRISE ?
			    " (Polycom)" : "");
			dhcp_subs(fp, r);
		} else
			vis_fprintf(fp, "option 60 (vendor class), %zu bytes, "
			    "%s: %s\n", len, r->encoding == DHCP_60_STRING ?
			    "string" : "hex", r->nitems ? r->items[0] : "");
		break;
	case 66:
	case 160:
		vis_fprintf(fp, "option %d (boot server), %zu bytes, %s: %s\n",
		    r->option, len, r->encoding == DHCP_BOOT_URL ? "URL" :
		    r->encoding == DHCP_BOOT_NAME ? "host name" : "address",
		    r->nitems ? r->items[0] : "(none)");
		break;
	}
	for (i = 0; i < r->nnotes; i++)
		vis_fprintf(fp, "note [%s]: %s\n", r->notes[i].code,
		    r->notes[i].message);
	for (i = 0; i < r->nwarns; i++)
		vis_fprintf(fp, "warning [%s]: %s\n", r->warns[i].code,
		    r->warns[i].message);
}

static void
dhcp_option(struct report *rep, const struct dhcpview *v)
{
	dhcp_result(rep->fp, v->r, v->len);
}

/* Option 43 as hex, as netsh lines and as a Cisco IOS line. */
static void
dhcp_encode(struct report *rep, const struct dhcpview *v)
{
	const struct dhcp_result	*r = v->r;
	FILE				*fp = rep->fp;
	char				*sub;
	size_t				 i;

	vis_fprintf(fp, "option 43 for %s\n", r->sts_uri);
	vis_fprintf(fp, "%zu bytes, %zu hex characters:\n%s\n\n", v->len,
	    2 * v->len, v->hex);
	vis_fprintf(fp, "Windows DHCP server (netsh, as DHCPConfigScript.bat "
	    "does):\n");
	vis_fprintf(fp, "netsh dhcp server add class MSUCClient "
	    "\"UC Vendor Class Id\" \"" DHCP_MSUC_CLASS "\" 1\n");
	for (i = 0; i < r->nsubs; i++)
		fprintf(fp, "netsh dhcp server add optiondef %d %s Binary 0 "
		    "vendor=MSUCClient\n", r->subs[i].code,
		    dhcp_subopt_name(43, r->subs[i].code));
	for (i = 0; i < r->nsubs; i++) {
		sub = dhcp_hex_format(r->subs[i].value, r->subs[i].have);
		vis_fprintf(fp, "netsh dhcp server set optionvalue %d Binary "
		    "vendor=MSUCClient %s\n", r->subs[i].code, sub);
		free(sub);
	}
	vis_fprintf(fp, "\nCisco IOS (ip dhcp pool):\n");
	if (v->toolong) {
		vis_fprintf(fp, "option ext 43 hex %s\n", v->hex);
		fprintf(fp, "warning [cisco-180]: %zu hex characters exceed "
		    "the 180 that \"option 43 hex\" keeps; Cisco IOS "
		    "would silently cut the path: use \"option ext 43 "
		    "hex\" (IOS XE 3.2.1S and later) as above, a "
		    "shorter FQDN, or dhcp.option43.override.stsUri\n",
		    2 * v->len);
	} else
		vis_fprintf(fp, "option 43 hex %s\n", v->hex);
}

static void
dhcp_probe(struct report *rep, const struct dhcpview *v)
{
	FILE	*fp = rep->fp;

	if (v->got)
		vis_fprintf(fp, "%s (DHCP message type %d) from %s\n",
		    v->rp->msgtype == 5 ? "DHCPACK" : v->rp->msgtype == 6 ?
		    "DHCPNAK" : "reply", v->rp->msgtype, v->rp->from);
	if (v->r != NULL)
		dhcp_result(fp, v->r, v->rp->len43);
	if (v->r120 != NULL)
		dhcp_result(fp, v->r120, v->rp->len120);
	else if (v->got)
		vis_fprintf(fp, "no option 120 (SIP servers)\n");
	if (v->problem != NULL)
		vis_fprintf(fp, "problem: %s\n", v->problem);
}

/* One side of a change: where its value comes from. */
static void
put_side(FILE *fp, const struct change_side *s)
{
	if (!s->present) {
		fputs("(no such phone)", fp);
		return;
	}
	put_location(fp, s->file, s->line, psource_name(s->source));
	if (s->file != NULL)
		vis_fprintf(fp, " (%s)", psource_name(s->source));
}

/* A side's value, quoted, redacted; malloced. */
static char *
side_value(const char *name, const struct change_side *s, int show)
{
	if (!s->present)
		return xstrdup("(absent)");
	return quote(report_secret(show, name, s->value));
}

/* The changes of one phone: the transition, both winners, the cause. */
static void
change_phone(struct report *rep, const struct change_phone *cp)
{
	const struct change	*c;
	FILE			*fp = rep->fp;
	char			*o, *n, *why;
	size_t			 i;
	int			 show = rep->show_secrets;

	for (i = 0; i < cp->n; i++) {
		c = &cp->v[i];
		o = side_value(c->name, &c->old, show);
		n = side_value(c->name, &c->new, show);
		why = change_why(c, 0);
		vis_fprintf(fp, "%s  %s: %s -> %s\n    was ", cp->mac, c->name,
		    o, n);
		put_side(fp, &c->old);
		fputs(", now ", fp);
		put_side(fp, &c->new);
		vis_fprintf(fp, "\n    because %s", why);
		if (c->list != NULL) {
			fputs(" (", fp);
			put_location(fp, c->list, c->list_line, "");
			fputc(')', fp);
		}
		fputc('\n', fp);
		free(o);
		free(n);
		free(why);
	}
}

/* Phones per parameter, transition and cause; the PIN verdict first. */
void
report_change_summary_text(FILE *fp, const struct change_totals *t,
    int show)
{
	struct change_row	*rows;
	char			*o, *n;
	size_t			 i, nrows;

	vis_fprintf(fp, "\nSummary: %zu phone%s, %zu changed, %zu appeared, %zu "
	    "went\n", t->phones, t->phones == 1 ? "" : "s", t->changed,
	    t->appeared, t->went);
	nrows = change_summary(t, &rows);
	for (i = 0; i < nrows; i++) {
		o = side_value(rows[i].name, &rows[i].old, show);
		n = side_value(rows[i].name, &rows[i].new, show);
		vis_fprintf(fp, "  %s %s -> %s: %zu phone%s, %s\n", rows[i].name,
		    o, n, rows[i].count, rows[i].count == 1 ? "" : "s",
		    rows[i].cause);
		free(o);
		free(n);
	}
	change_rows_free(rows, nrows);
}

static void
change_end(struct report *rep, const struct change_totals *t)
{
	report_change_summary_text(rep->fp, t, rep->show_secrets);
}

/* A recorded run's time, local, as text. */
static void
put_time(FILE *fp, time_t t)
{
	char		buf[32];
	struct tm	tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, sizeof(buf), "@%lld", (long long)t);
	fputs(buf, fp);
}

/* The share's or the phone's side of a recorded value. */
static void
put_state(FILE *fp, const char *name, const struct store_state *s,
    int phone, int show)
{
	char	*q;

	if (!s->present) {
		fputs("(not recorded)", fp);
		return;
	}
	q = quote(report_secret(show, name, phone ? s->phone_value :
	    s->value));
	vis_fprintf(fp, "%s", q);
	free(q);
	if (phone) {
		if (s->phone_source != NULL)
			vis_fprintf(fp, " (%s)", s->phone_source);
		if (s->verdict != NULL)
			vis_fprintf(fp, " %s", s->verdict);
		return;
	}
	fputc(' ', fp);
	put_location(fp, s->file, s->line, s->source ? s->source : "-");
	if (s->file != NULL && s->source != NULL)
		vis_fprintf(fp, " (%s)", s->source);
}

/* A side has share facts, or phone facts when phone is 1. */
static int
has_facts(const struct store_state *s, int phone)
{
	return s->present && (phone ? s->phone_value != NULL ||
	    s->verdict != NULL : s->value != NULL || s->source != NULL);
}

/* "    share: OLD -> NEW" (or phone:), when either side has those facts. */
static void
put_change(FILE *fp, const struct store_event *e, int phone, int show)
{
	if (!has_facts(&e->old, phone) && !has_facts(&e->new, phone))
		return;
	fputs(phone ? "    phone: " : "    share: ", fp);
	put_state(fp, e->name, &e->old, phone, show);
	fputs(" -> ", fp);
	put_state(fp, e->name, &e->new, phone, show);
	fputc('\n', fp);
}

/* One recorded change: when, which phone and name, share and phone. */
static void
history(struct report *rep, const struct store_event *e)
{
	FILE	*fp = rep->fp;

	put_time(fp, e->when);
	vis_fprintf(fp, "  %s  %s  (run %ld, %s of %s)\n", e->mac, e->name,
	    e->run, e->command, e->share);
	put_change(fp, e, 0, rep->show_secrets);
	put_change(fp, e, 1, rep->show_secrets);
}

/* One phone's first drift, and whether it is still there. */
static void
drift(struct report *rep, const struct store_drift *d)
{
	FILE	*fp = rep->fp;

	if (rep->n == 0)
		fprintf(fp, "%-12s  %-19s  %s\n", "MAC", "FIRST DRIFT",
		    "PARAMETER / NOW");
	vis_fprintf(fp, "%-12s  ", d->mac);
	put_time(fp, d->first);
	vis_fprintf(fp, "  %s / ", d->name);
	if (d->still) {
		fprintf(fp, "%zu value%s drifting since ", d->now,
		    d->now == 1 ? "" : "s");
		put_time(fp, d->since);
	} else
		fputs("no longer drifting", fp);
	vis_fprintf(fp, " (%s)\n", d->share);
}

/* Say so when nothing was recorded. */
static void
history_end(struct report *rep, int drifts)
{
	if (rep->n == 0)
		fputs(drifts ? "No phone drifted.\n" : "No changes.\n", rep->fp);
}

/* A time as UTC, to the second; "unknown" for -1. */
static void
put_utc(FILE *fp, time_t t)
{
	char		buf[32];
	struct tm	tm;

	if (t == (time_t)-1 || gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(buf, sizeof(buf), "unknown");
	fputs(buf, fp);
}

/* One log file: its time, then its lines by class. */
static void
log_file(FILE *fp, const char *kind, const struct logupload *u, size_t w)
{
	vis_fprintf(fp, "  %-4s  %-*s  ", kind, (int)w, u->path);
	if (u->status != CFG_OK) {
		vis_fprintf(fp, "%s", cfg_status_name(u->status));
		if (u->status != CFG_MISSING)
			vis_fprintf(fp, ": %s", u->error);
		fputc('\n', fp);
		return;
	}
	fputs("written ", fp);
	put_utc(fp, u->mtime);
	fprintf(fp, ": %zu line%s, %zu in the log format, %zu unclassified",
	    u->sum.lines, u->sum.lines == 1 ? "" : "s", u->sum.parsed,
	    logcheck_unclassified(u));
	if (u->sum.newest != (time_t)-1) {
		fputs(", newest line ", fp);
		put_utc(fp, u->sum.newest);
	}
	fputc('\n', fp);
}

/* One phone's uploads: where, each file, how old, the findings. */
static void
logs(struct report *rep, const struct logcheck *lc)
{
	FILE	*fp = rep->fp;
	size_t	 i, w = 4;

	if (rep->n > 0)
		fputc('\n', fp);
	vis_fprintf(fp, "Phone %s (master %s), uploads ", lc->mac,
	    lc->master ? lc->master : "none");
	if (lc->dir_from != NULL) {
		if (lc->dir != NULL)
			vis_fprintf(fp, "in %s", *lc->dir ? lc->dir :
			    "the share's root");
		else
			fputs("elsewhere", fp);
		fputs(" (LOG_FILE_DIRECTORY, ", fp);
		put_location(fp, lc->dir_from, lc->dir_line, "-");
		fputs(")\n", fp);
	} else
		fputs("in the share's root\n", fp);
	for (i = 0; i < lc->nfiles; i++)
		if (vis_width(lc->files[i].path) > w)
			w = vis_width(lc->files[i].path);
	for (i = 0; i < lc->nfiles; i++)
		log_file(fp, logcheck_kinds[i], &lc->files[i], w);
	fputs("Newest upload: ", fp);
	if (lc->unchecked != NULL)
		vis_fprintf(fp, "not checked: %s\n", lc->unchecked);
	else if (lc->newest > lc->now) {
		put_utc(fp, lc->newest);
		fputs(", ahead of the current time: age unknown\n", fp);
	} else if (lc->newest != (time_t)-1) {
		put_utc(fp, lc->newest);
		fprintf(fp, ", %.1f days ago (limit %ld): %s\n",
		    difftime(lc->now, lc->newest) / 86400, lc->maxage,
		    lc->stale == LOGSTALE_YES ? "stale" : "fresh");
	} else if (lc->stale == LOGSTALE_YES)
		fputs("none: stale\n", fp);
	else
		fputs("unknown: the share does not tell when a file was "
		    "written\n", fp);
	if (lc->findings.n > 0) {
		fputs("Findings:\n", fp);
		report_findings_text(fp, &lc->findings);
	}
}

/* How many phones were checked and what was found. */
void
report_logs_summary_text(FILE *fp, const struct logtally *t)
{
	fprintf(fp, "\nSummary: %zu phone%s, %zu with stale uploads, %zu of "
	    "unknown age, %zu with log findings\n", t->phones,
	    t->phones == 1 ? "" : "s", t->stale, t->unknown, t->flagged);
}

static void
logs_end(struct report *rep)
{
	report_logs_summary_text(rep->fp, &rep->logs);
}

/* One line per report (enum report_kind); the others are not offered. */
const struct report_ops report_text_ops = {
	.name = "text",
	.files = files, .show = show,
	.scan_phone = scan_phone, .scan_pin = scan_pin,
	.audit_phone = audit_phone,
	.pin = pin,
	.dhcp = { [DHCP_DECODE] = dhcp_option, [DHCP_ENCODE] = dhcp_encode,
	    [DHCP_PROBE] = dhcp_probe },
	.change_phone = change_phone, .change_end = change_end,
	.history = history, .drift = drift, .history_end = history_end,
	.logs = logs,
	.end = { [REPORT_SCAN] = scan_end, [REPORT_AUDIT] = audit_end,
	    [REPORT_LOGS] = logs_end },
	.close = text_close,
};
