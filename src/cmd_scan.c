/*
 * polyaudit scan: every phone the share describes, resolved offline.
 * Output streams phone by phone; the share caches each parsed file, so
 * memory grows with the distinct files, not with the phones.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "merge.h"
#include "pin.h"
#include "prefetch.h"
#include "progress.h"
#include "report.h"
#include "resolve.h"
#include "scan.h"
#include "share.h"
#include "strmap.h"
#include "xalloc.h"

static const char usage[] =
"usage: polyaudit scan --share DIR|URL [--model M] [--param NAME]...\n"
"                      [--check pin] [--show-secrets] [--format text|json|csv]\n"
"                      [--follow-urls] [--netrc-file FILE] [--share-jobs N]\n"
"Resolve every phone the share describes (each <mac>.cfg and each\n"
"override file) and show the PIN sign-in set, or the --param names, per\n"
"phone, then a summary: phones per value and per winning file.  With\n"
"--format json: one JSON object per line and the summary on stderr.\n"
"--check pin: one PIN sign-in verdict per phone (see 'polyaudit pin').\n";

struct tally {
	struct strmap	*counts;	/* "name\tvalue\tfile" -> count */
	char		*key;		/* count()'s, reused */
	size_t		 keylen;
	size_t		 keycap;
	size_t		 phones;
	size_t		 failing;	/* phones with error findings */
	size_t		 notyes;	/* --check pin: no or cannot tell */
};

/* Append s to the tally's key buffer. */
static void
keyadd(struct tally *t, const char *s, size_t len)
{
	if (t->keylen + len + 1 > t->keycap) {
		t->keycap = (t->keylen + len + 1) * 2;
		t->key = xreallocarray(t->key, t->keycap, 1);
	}
	memcpy(t->key + t->keylen, s, len);
	t->keylen += len;
	t->key[t->keylen] = '\0';
}

static void
count(struct tally *t, const struct eparam *e, const struct showview *v)
{
	const char	*from, *value;
	uintptr_t	 n;

	/* Each phone has its own override file: count them as one kind. */
	if (e->source == PSRC_PHONE_OVERRIDE)
		from = "phone-override files";
	else if (e->source == PSRC_WEB_OVERRIDE)
		from = "web-override files";
	else
		from = e->file ? e->file : psource_name(e->source);
	value = e->value ? report_value(v, e->name, e->value) : "(unset)";
	/* One buffer for every key: a scan counts millions. */
	t->keylen = 0;
	keyadd(t, e->name, strlen(e->name));
	keyadd(t, "\t", 1);
	keyadd(t, value, strlen(value));
	keyadd(t, "\t", 1);
	keyadd(t, from, strlen(from));
	n = (uintptr_t)strmap_get(t->counts, t->key);
	strmap_set(t->counts, t->key, (void *)(n + 1));
}

static int
cmpkey(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Per parameter, per value: how many phones, and from which files. */
static void
summary(FILE *fp, const struct tally *t)
{
	const char	**keys, *key;
	char		 *name = NULL, *value = NULL, *p;
	size_t		  i, n = strmap_count(t->counts);
	uintptr_t	  c;

	fprintf(fp, "\nSummary: %zu phone%s, %zu with errors\n", t->phones,
	    t->phones == 1 ? "" : "s", t->failing);
	keys = xreallocarray(NULL, n, sizeof(*keys));
	for (i = 0; i < n; i++)
		strmap_at(t->counts, i, &keys[i]);
	if (n > 0)
		qsort(keys, n, sizeof(*keys), cmpkey);
	for (i = 0; i < n; i++) {
		key = keys[i];
		c = (uintptr_t)strmap_get(t->counts, key);
		p = strchr(key, '\t');
		if (name == NULL || strncmp(name, key, p - key) != 0 ||
		    name[p - key] != '\0') {
			free(name);
			name = xstrndup(key, p - key);
			fprintf(fp, "  %s\n", name);
			free(value);
			value = NULL;
		}
		key = p + 1;
		p = strchr(key, '\t');
		if (value == NULL || strncmp(value, key, p - key) != 0 ||
		    value[p - key] != '\0') {
			free(value);
			value = xstrndup(key, p - key);
			fprintf(fp, "    \"%s\"\n", value);
		}
		fprintf(fp, "      %6zu  %s\n", (size_t)c, p + 1);
	}
	free(name);
	free(value);
	free(keys);
}

/* The PIN sign-in verdict for one phone, offline. */
static void
pin_one(struct merged *m, const char *mac, enum format fmt, struct tally *t)
{
	struct pin_input	 in = { m, NULL, NULL };
	struct pin_report	 pr;
	const char		*why = "", *what = "-";
	char			*key;
	uintptr_t		 n;
	size_t			 i;

	pin_evaluate(&in, &pr);
	for (i = 0; i < pr.n && *why == '\0'; i++)
		if (pr.v[i].status == PIN_FAIL) {
			why = pr.v[i].message;
			what = pr.v[i].what;
		}
	for (i = 0; i < pr.n && *why == '\0'; i++)
		if (pr.v[i].status == PIN_UNKNOWN) {
			why = pr.v[i].message;
			what = pr.v[i].what;
		}
	if (pr.verdict != PIN_YES)
		t->notyes++;
	switch (fmt) {
	case FMT_JSON:
		report_pin_json(stdout, mac, &pr, 1);
		break;
	case FMT_CSV:
		if (t->phones == 0)
			fputs("mac,verdict,reason\r\n", stdout);
		printf("%s,%s,\"", mac, pin_verdict_name(pr.verdict));
		for (; *why != '\0'; why++)
			printf(*why == '"' ? "\"\"" : "%c", *why);
		printf("\"\r\n");
		break;
	default:
		printf("%s  %-11s  %s\n", mac, pin_verdict_name(pr.verdict),
		    why);
		break;
	}
	/* The check that decided, in place of a winning file. */
	key = xasprintf("PIN sign-in offered\t%s\t%s",
	    pin_verdict_name(pr.verdict), what);
	n = (uintptr_t)strmap_get(t->counts, key);
	strmap_set(t->counts, key, (void *)(n + 1));
	free(key);
	pin_report_free(&pr);
}

/* From a server, phones this far ahead of the one printed are fetched for. */
#define SCAN_AHEAD(jobs)	((jobs) * 16)

/* Resolve one phone and print it. */
static void
scan_one(struct share *sh, const char *mac, const char *model,
    char **want, size_t nwant, int pin, enum format fmt, struct showview *v,
    struct tally *t)
{
	struct resolution	  r;
	struct merged		 *m;
	char			**names;
	size_t			  n, i;

	resolve_phone(sh, mac, model, NULL, &r);
	m = merge_new(&r);
	if (pin) {
		pin_one(m, mac, fmt, t);
		t->phones++;
		if (findings_worst(&r.findings) == SEV_ERROR)
			t->failing++;
		merge_free(m);
		resolve_release(sh, &r);
		resolution_free(&r);
		return;
	}
	if (nwant > 0) {
		names = xreallocarray(NULL, nwant, sizeof(*names));
		for (n = 0; n < nwant; n++)
			names[n] = xstrdup(want[n]);
	} else
		n = merge_pin_names(m, &names);
	v->r = &r;
	v->findings = &r.findings;
	v->nparams = n;
	v->params = xreallocarray(NULL, n, sizeof(*v->params));
	for (i = 0; i < n; i++) {
		v->params[i] = merge_get(m, names[i]);
		count(t, v->params[i], v);
	}
	switch (fmt) {
	case FMT_JSON:
		report_line_json(stdout, v);
		break;
	case FMT_CSV:
		report_show_csv(stdout, v, t->phones == 0);
		break;
	default:
		report_rows_text(stdout, v, t->phones == 0);
		break;
	}
	t->phones++;
	if (findings_worst(&r.findings) == SEV_ERROR)
		t->failing++;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(v->params);
	merge_free(m);
	resolve_release(sh, &r);
	resolution_free(&r);
}

int
cmd_scan(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "share", required_argument, NULL, 's' },
		{ "model", required_argument, NULL, 'M' },
		{ "follow-urls", no_argument, NULL, 'U' },
		{ "netrc-file", required_argument, NULL, 'N' },
		{ "share-jobs", required_argument, NULL, 'J' },
		{ "param", required_argument, NULL, 'p' },
		{ "check", required_argument, NULL, 'c' },
		{ "show-secrets", no_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct showview		  v = { 0 };
	struct tally		  t = { 0 };
	struct phonelist	  pl;
	struct cli_target	  ct = { 0 };
	struct share		 *sh;
	struct resolve_target	 *targets;
	struct prefetch		 *pf;
	struct progress		 *prog = NULL;
	enum format		  fmt = FMT_TEXT;
	char			**want = NULL, *cause = NULL;
	size_t			  nwant = 0, i;
	int			  ch, rc = EXIT_TROUBLE, pin = 0;

	optind = 1;
	while ((ch = cli_getopt(argc, argv, longopts, &ct, NULL)) != -1) {
		switch (ch) {
		case 'p':
			want = xreallocarray(want, nwant + 1, sizeof(*want));
			want[nwant++] = optarg;
			break;
		case 'S':
			v.show_secrets = 1;
			break;
		case 'c':
			if (strcmp(optarg, "pin") != 0) {
				usage_error("scan: the only --check is pin");
				goto out;
			}
			pin = 1;
			break;
		case 'o':
			if (cli_format("scan", optarg, 7, &fmt) == -1)
				goto out;
			break;
		case 'h':
			fputs(usage, stdout);
			rc = EXIT_CLEAN;
			goto out;
		case CLI_BAD:
			goto out;
		default:
			usage_error("scan: bad option");
			goto out;
		}
	}
	if (optind != argc) {
		usage_error("scan: unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if ((rc = cli_open_share(&ct, &sh)) != EXIT_CLEAN)
		goto out;
	rc = EXIT_TROUBLE;
	if (scan_phones(sh, &pl, &cause) == -1) {
		fprintf(stderr, "%s: cannot scan share: %s\n", cmd_progname,
		    cause);
		free(cause);
		share_free(sh);
		goto out;
	}
	t.counts = strmap_new();
	targets = xcalloc(pl.n + 1, sizeof(*targets));
	for (i = 0; i < pl.n; i++) {
		targets[i].mac = pl.mac[i];
		targets[i].model = ct.model;
	}
	pf = prefetch_new(sh, targets, pl.n, NULL, SCAN_AHEAD(ct.share_jobs ?
	    ct.share_jobs : SHARE_JOBS));
	if (share_fetches(sh) && (prog = progress_new()) != NULL) {
		prefetch_progress_to(pf, progress_files, prog);
		progress_phones(prog, 0, pl.n);
	}
	for (i = 0; i < pl.n; i++) {
		prefetch_wait(pf, i);
		scan_one(sh, pl.mac[i], ct.model, want, nwant, pin, fmt, &v,
		    &t);
		progress_phones(prog, i + 1, pl.n);
	}
	progress_end(prog);
	prefetch_free(pf);
	free(targets);
	summary(fmt == FMT_TEXT ? stdout : stderr, &t);
	rc = t.failing > 0 || t.notyes > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
	strmap_free(t.counts, NULL);
	free(t.key);
	phonelist_free(&pl);
	share_free(sh);
out:
	free(want);
	return rc;
}
