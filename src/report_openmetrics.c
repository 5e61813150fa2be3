/*
 * OpenMetrics text, for node_exporter's textfile collector and anything
 * else that scrapes Prometheus' text format.  Every metric is a gauge of
 * the last run; a family's samples must stand together, so they are
 * collected per family and written whole when the report closes.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "phone.h"
#include "pin.h"
#include "report.h"
#include "strmap.h"
#include "vis.h"
#include "xalloc.h"

enum fam {
	F_SCAN_PHONES,
	F_SCAN_ERRORS,
	F_PARAM_PHONES,
	F_PIN_PHONES,
	F_PIN_SIGN_IN,
	F_PIN_CHECK,
	F_AUDIT_PHONES,
	F_AUDIT_UP,
	F_AUDIT_PHONE_PARAMS,
	F_AUDIT_VERDICTS,
	F_FINDINGS,
	F_DIFF_PHONES,
	F_DIFF_CHANGES,
	F_LAST_RUN,
	F_COUNT
};

static const struct family {
	const char	*name;
	const char	*help;
} families[F_COUNT] = {
	[F_SCAN_PHONES] = { "polyaudit_scan_phones",
	    "Phones the share describes." },
	[F_SCAN_ERRORS] = { "polyaudit_scan_phones_with_errors",
	    "Phones whose files have errors." },
	[F_PARAM_PHONES] = { "polyaudit_param_phones",
	    "Phones per parameter, effective value and winning file." },
	[F_PIN_PHONES] = { "polyaudit_pin_phones",
	    "Phones per PIN sign-in verdict and the check that decided it." },
	[F_PIN_SIGN_IN] = { "polyaudit_pin_sign_in",
	    "1 for the phone's PIN sign-in verdict (yes, no, cannot tell)." },
	[F_PIN_CHECK] = { "polyaudit_pin_checks",
	    "The phone's PIN sign-in checks per status (ok, fail, unknown, "
	    "info)." },
	[F_AUDIT_PHONES] = { "polyaudit_audit_phones",
	    "Audited phones that matched the share, drifted or failed." },
	[F_AUDIT_UP] = { "polyaudit_audit_phone_up",
	    "1 if the phone answered its REST API." },
	[F_AUDIT_PHONE_PARAMS] = { "polyaudit_audit_phone_params",
	    "Parameters of the phone per audit verdict." },
	[F_AUDIT_VERDICTS] = { "polyaudit_audit_verdicts",
	    "Phones per parameter and audit verdict." },
	[F_FINDINGS] = { "polyaudit_findings",
	    "Findings per code and severity, over all phones." },
	[F_DIFF_PHONES] = { "polyaudit_diff_phones",
	    "Phones either share describes, and those that changed, "
	    "appeared or went." },
	[F_DIFF_CHANGES] = { "polyaudit_diff_changes",
	    "Phones per changed parameter, transition and cause." },
	[F_LAST_RUN] = { "polyaudit_last_run_timestamp_seconds",
	    "When polyaudit wrote this report, in seconds since the epoch." },
};

struct om {
	char		*buf[F_COUNT];	/* samples, one per line */
	size_t		 len[F_COUNT];
	FILE		*fam[F_COUNT];	/* open_memstream()s of buf */
	struct strmap	*verdicts;	/* "param^_verdict" -> phones */
	struct strmap	*found;		/* "code^_severity" -> findings */
};

static struct om *
om(struct report *rep)
{
	if (rep->priv == NULL)
		rep->priv = xcalloc(1, sizeof(struct om));
	return rep->priv;
}

/*
 * A label value as the format wants it: made visible as for text (no
 * control character or bad UTF-8 is left), then backslash and quote
 * escaped.
 */
static void
label(FILE *fp, const char *s)
{
	char	*v;
	size_t	 i, n, len = strlen(s);

	v = xmalloc(len * VIS_MAX + 1);
	n = vis_encode(v, s, len);
	for (i = 0; i < n; i++) {
		if (v[i] == '\\' || v[i] == '"')
			fputc('\\', fp);
		fputc(v[i], fp);
	}
	free(v);
}

/* One sample of family f: label name/value pairs up to a NULL name. */
static void
sample(struct report *rep, enum fam f, double value, ...)
{
	struct om	*o = om(rep);
	const char	*k, *v;
	va_list		 ap;
	int		 first = 1;

	if (o->fam[f] == NULL)
		o->fam[f] = open_memstream(&o->buf[f], &o->len[f]);
	fputs(families[f].name, o->fam[f]);
	va_start(ap, value);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		fprintf(o->fam[f], "%s%s=\"", first ? "{" : ",", k);
		label(o->fam[f], v ? v : "");
		fputc('"', o->fam[f]);
		first = 0;
	}
	va_end(ap);
	fprintf(o->fam[f], "%s %.17g\n", first ? "" : "}", value);
}

static void
count(struct strmap **m, const char *a, const char *b)
{
	uintptr_t	 n;
	char		*key;

	if (*m == NULL)
		*m = strmap_new();
	key = xasprintf("%s" REPORT_SEPS "%s", a, b);
	n = (uintptr_t)strmap_get(*m, key);
	strmap_set(*m, key, (void *)(n + 1));
	free(key);
}

static void
count_findings(struct report *rep, const struct findings *fs)
{
	size_t	i;

	for (i = 0; fs != NULL && i < fs->n; i++)
		count(&om(rep)->found, findings_name(fs->v[i].code),
		    severity_name(fs->v[i].sev));
}

/* Each "a^_b" key of m as a sample of f with labels la and lb. */
static void
pairs(struct report *rep, enum fam f, struct strmap *m, const char *la,
    const char *lb)
{
	const char	**keys, *key;
	char		 *a;
	size_t		  i, n;

	if (m == NULL)
		return;
	n = strmap_count(m);
	keys = xreallocarray(NULL, n ? n : 1, sizeof(*keys));
	for (i = 0; i < n; i++)
		strmap_at(m, i, &keys[i]);
	report_sort_keys(keys, n);
	for (i = 0; i < n; i++) {
		key = keys[i];
		a = xstrndup(key, strcspn(key, REPORT_SEPS));
		sample(rep, f, (double)(uintptr_t)strmap_get(m, key), la, a,
		    lb, key + strlen(a) + 1, NULL);
		free(a);
	}
	free(keys);
}

static void
pin_phone(struct report *rep, const char *mac, const struct pin_report *pr)
{
	size_t	i, n;
	int	v;

	for (v = PIN_YES; v <= PIN_CANNOT_TELL; v++)
		sample(rep, F_PIN_SIGN_IN, pr->verdict == (enum pin_verdict)v,
		    "mac", mac, "verdict", pin_verdict_name(v), NULL);
	for (v = PIN_OK; v <= PIN_INFO; v++) {
		for (i = n = 0; i < pr->n; i++)
			n += pr->v[i].status == (enum pin_status)v;
		sample(rep, F_PIN_CHECK, (double)n, "mac", mac, "status",
		    pin_status_name(v), NULL);
	}
}

static void
scan_phone(struct report *rep, const struct showview *v)
{
	count_findings(rep, v->findings);
}

static void
scan_pin(struct report *rep, const char *mac, const struct pin_report *pr)
{
	pin_phone(rep, mac, pr);
}

/* The scan's tally: phones per parameter, value and file, or per verdict. */
static void
scan_end(struct report *rep)
{
	const struct scantally	 *t = &rep->scan;
	struct keyparts		  kp;
	const char		**keys;
	size_t			  i, n;

	sample(rep, F_SCAN_PHONES, (double)t->phones, NULL);
	sample(rep, F_SCAN_ERRORS, (double)t->failing, NULL);
	n = report_scan_sorted(t, &keys);
	for (i = 0; i < n; i++) {
		report_key_parts(t, keys, i, &kp);
		if (strcmp(kp.name, "PIN sign-in offered") == 0)
			sample(rep, F_PIN_PHONES, (double)kp.count, "verdict",
			    kp.value, "check", kp.from, NULL);
		else
			sample(rep, F_PARAM_PHONES, (double)kp.count, "param",
			    kp.name, "value", kp.value, "source", kp.from,
			    NULL);
		report_key_parts_free(&kp);
	}
	free(keys);
}

static void
audit_phone(struct report *rep, const struct auditview *a)
{
	const char	*mac = a->res->id.mac;
	size_t		 i;
	int		 v;

	sample(rep, F_AUDIT_UP, a->res->kind == PHONE_OK, "host",
	    a->res->host, "mac", mac, NULL);
	if (a->df == NULL)
		return;
	for (v = 0; v < V_COUNT; v++) {
		sample(rep, F_AUDIT_PHONE_PARAMS, (double)a->df->count[v],
		    "host", a->res->host, "mac", mac, "verdict",
		    verdict_name(v), NULL);
	}
	for (i = 0; i < a->df->n; i++)
		count(&om(rep)->verdicts, a->df->rows[i].share->name,
		    verdict_name(a->df->rows[i].verdict));
	if (a->r != NULL)
		count_findings(rep, &a->r->findings);
}

static void
audit_end(struct report *rep)
{
	const struct fleettally	*f = &rep->flt;

	sample(rep, F_AUDIT_PHONES, (double)f->matched, "result", "matched",
	    NULL);
	sample(rep, F_AUDIT_PHONES, (double)f->drifted, "result", "drifted",
	    NULL);
	sample(rep, F_AUDIT_PHONES, (double)f->failed, "result", "failed",
	    NULL);
	pairs(rep, F_AUDIT_VERDICTS, om(rep)->verdicts, "param", "verdict");
}

static void
pin(struct report *rep, const char *mac, const struct pin_report *pr)
{
	pin_phone(rep, mac, pr);
}

static void
change_phone(struct report *rep, const struct change_phone *cp)
{
}

/* The diff's summary: phones, then phones per transition and cause. */
static void
change_end(struct report *rep, const struct change_totals *t)
{
	struct change_row	*rows;
	size_t			 i, n;

	sample(rep, F_DIFF_PHONES, (double)t->phones, "result", "compared",
	    NULL);
	sample(rep, F_DIFF_PHONES, (double)t->changed, "result", "changed",
	    NULL);
	sample(rep, F_DIFF_PHONES, (double)t->appeared, "result",
	    "appeared", NULL);
	sample(rep, F_DIFF_PHONES, (double)t->went, "result", "went", NULL);
	n = change_summary(t, &rows);
	for (i = 0; i < n; i++)
		sample(rep, F_DIFF_CHANGES, (double)rows[i].count, "param",
		    rows[i].name, "old", rows[i].old.present ? report_secret(
		    rep->show_secrets, rows[i].name, rows[i].old.value) :
		    "(absent)", "new", rows[i].new.present ? report_secret(
		    rep->show_secrets, rows[i].name, rows[i].new.value) :
		    "(absent)", "cause", rows[i].cause, NULL);
	change_rows_free(rows, n);
}

/* Every family that has samples, whole, then the time and "# EOF". */
static void
close_om(struct report *rep)
{
	struct om	*o = om(rep);
	int		 f;

	pairs(rep, F_FINDINGS, o->found, "code", "severity");
	sample(rep, F_LAST_RUN, (double)report_now(), NULL);
	for (f = 0; f < F_COUNT; f++) {
		if (o->fam[f] == NULL)
			continue;
		fclose(o->fam[f]);
		fprintf(rep->fp, "# HELP %s %s\n# TYPE %s gauge\n",
		    families[f].name, families[f].help, families[f].name);
		fwrite(o->buf[f], 1, o->len[f], rep->fp);
		free(o->buf[f]);
	}
	fputs("# EOF\n", rep->fp);
	strmap_free(o->verdicts, NULL);
	strmap_free(o->found, NULL);
	free(o);
	rep->priv = NULL;
}

/* One line per report (enum report_kind); the others are not offered. */
const struct report_ops report_openmetrics_ops = {
	.name = "openmetrics",
	.scan_phone = scan_phone, .scan_pin = scan_pin,
	.audit_phone = audit_phone,
	.pin = pin,
	.change_phone = change_phone, .change_end = change_end,
	.end = { [REPORT_SCAN] = scan_end, [REPORT_AUDIT] = audit_end },
	.close = close_om,
};
