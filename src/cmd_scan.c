/*
 * polyaudit scan: every phone the share describes, resolved offline.
 * Output streams phone by phone; the share caches each parsed file, so
 * memory grows with the distinct files, not with the phones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cmd.h"
#include "hygiene.h"
#include "logcheck.h"
#include "merge.h"
#include "pin.h"
#include "prefetch.h"
#include "progress.h"
#include "readahead.h"
#include "record.h"
#include "report.h"
#include "resolve.h"
#include "scan.h"
#include "share.h"
#include "store.h"
#include "vis.h"
#include "xalloc.h"

static int	cmd_scan(const struct cmd_args *);

const struct cmd cmd_scan_entry = {
	.name = "scan",
	.options = "--share DIR|URL [--model M] [--param NAME]... "
	    "[--check pin|logs] " CLI_MAX_AGE " [--show-secrets] " CLI_REMOTE
	    " [--output FILE] "
	    "[--record DB]",
	.report = REPORT_SCAN,
	.help =
"Resolve every phone the share describes (each <mac>.cfg and each\n"
"override file) and show the PIN sign-in set, or the --param names, per\n"
"phone, then a summary: phones per value and per winning file.  With\n"
"--format json: one JSON object per line and the summary on stderr.\n"
"--format openmetrics: gauges for Prometheus; with --output FILE the file\n"
"is replaced atomically, as node_exporter's textfile collector wants.\n"
"--format html: one self-contained page, the summary first.\n"
"--check pin: one PIN sign-in verdict per phone (see 'polyaudit pin').\n"
"--check logs: per phone, what it uploaded (see 'polyaudit logs'); text\n"
"or json.\n"
"--record DB: keep what changed since the last recorded scan of this\n"
"share in the SQLite file DB (see 'polyaudit history').\n"
"--share-jobs N: on a server, transfers at once (default 8); on a local\n"
"directory, 1 reads every file on one thread, any other N lets a second\n"
"thread read and parse the next phones' own files ahead (not when it\n"
"may run on one CPU only).\n",
	.exec = cmd_scan,
};

/* The PIN sign-in verdict for one phone, offline. */
static void
pin_one(struct report *rep, struct store *st, struct merged *m,
    const char *mac, const struct findings *fs)
{
	struct pin_input	 in = { m, NULL, NULL };
	struct pin_report	 pr;

	pin_evaluate(&in, &pr);
	report_scan_pin(rep, mac, &pr, fs);
	if (st != NULL)
		record_pin(st, mac, &pr, fs);
	pin_report_free(&pr);
}

/* What the phone uploaded (scan --check logs); 1 if it has findings. */
static int
logs_one(struct share *sh, const char *mac, const char *model,
    struct report *rep, long maxage)
{
	struct resolution	r;
	struct logcheck		lc;
	int			flagged;

	resolve_phone(sh, mac, model, NULL, &r);
	logcheck_phone(sh, &r, report_now(), maxage, &lc);
	report_logs(rep, &lc);
	flagged = findings_worst(&lc.findings) >= SEV_WARNING;
	logcheck_free(&lc);
	resolve_release(sh, &r);
	resolution_free(&r);
	return flagged;
}

/* From a server, phones this far ahead of the one printed are fetched for. */
#define SCAN_AHEAD(jobs)	((jobs) * 16)

/* Resolve one phone and print it. */
static void
scan_one(struct share *sh, const char *mac, const char *model,
    const char *const *want, size_t nwant, int pin, struct report *rep,
    struct store *st, struct showview *v)
{
	struct resolution	  r;
	struct merged		 *m;
	char			**names;
	size_t			  n, i;

	resolve_phone(sh, mac, model, NULL, &r);
	m = merge_new(&r);
	hygiene_orphan(sh, &r, &r.findings);
	hygiene_redundant(m, &r, &r.findings);
	if (pin) {
		pin_one(rep, st, m, mac, &r.findings);
		merge_free(m);
		resolve_release(sh, &r);
		resolution_free(&r);
		return;
	}
	n = pin_shown(m, want, nwant, PIN_SHOWN_PIN, &names);
	v->r = &r;
	v->findings = &r.findings;
	v->nparams = n;
	v->params = xreallocarray(NULL, n, sizeof(*v->params));
	for (i = 0; i < n; i++)
		v->params[i] = merge_get(m, names[i]);
	report_scan_phone(rep, v);
	if (st != NULL)
		record_scan(st, v);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(v->params);
	merge_free(m);
	resolve_release(sh, &r);
	resolution_free(&r);
}

static int
cmd_scan(const struct cmd_args *a)
{
	struct showview		  v = { 0 };
	struct report		  rep;
	struct phonelist	  pl;
	struct cli_target	  ct;
	struct share		 *sh;
	struct resolve_target	 *targets;
	struct prefetch		 *pf;
	struct readahead	 *ra;
	struct progress		 *prog = NULL;
	struct store		 *st = NULL;
	enum format		  fmt = args_format(a);
	const char *const	 *want;
	const char		 *output = args_get(a, "output");
	const char		 *db = args_get(a, "record");
	char			 *cause = NULL;
	time_t			  started = time(NULL);
	size_t			  nwant, i;
	const char		 *check = args_get(a, "check");
	long			  maxage = args_num(a, "max-age",
				      LOGCHECK_MAXAGE);
	int			  rc = EXIT_TROUBLE, flagged = 0;
	int			  pin = check && strcmp(check, "pin") == 0;
	int			  logs = check && strcmp(check, "logs") == 0;

	if (cli_target_get(a, &ct) == -1)
		return EXIT_TROUBLE;
	if (logs && report_formats[fmt]->logs == NULL)
		return usage_error("scan: --check logs: --format is text or "
		    "json");
	want = args_values(a, "param", &nwant);
	v.show_secrets = args_has(a, "show-secrets");
	if (db != NULL && record_open(db, &st) == -1)
		goto out;
	if ((rc = cli_open_share(&ct, &sh)) != EXIT_CLEAN)
		goto out;
	rc = EXIT_TROUBLE;
	if (scan_phones(sh, &pl, &cause) == -1) {
		vis_fprintf(stderr, "%s: cannot scan share: %s\n", cmd_progname,
		    cause);
		free(cause);
		share_free(sh);
		goto out;
	}
	if (report_open(&rep, fmt, output, &cause) == -1) {
		fprintf(stderr, "%s: %s\n", cmd_progname, cause);
		free(cause);
		phonelist_free(&pl);
		share_free(sh);
		goto out;
	}
	report_share(&rep, share_spec(sh));
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
	ra = readahead_new(sh, targets, pl.n, ct.share_jobs);
	for (i = 0; i < pl.n; i++) {
		prefetch_wait(pf, i);
		readahead_take(ra, i);
		if (logs)
			flagged |= logs_one(sh, pl.mac[i], ct.model, &rep,
			    maxage);
		else
			scan_one(sh, pl.mac[i], ct.model, want, nwant, pin,
			    &rep, st, &v);
		progress_phones(prog, i + 1, pl.n);
	}
	progress_end(prog);
	readahead_free(ra);
	prefetch_free(pf);
	free(targets);
	report_end(&rep, logs ? REPORT_LOGS : REPORT_SCAN);
	rc = rep.scan.failing > 0 || rep.scan.notyes > 0 || flagged ?
	    EXIT_FINDINGS : EXIT_CLEAN;
	if (st != NULL && record_close(st, ct.share, "scan", started,
	    pl.n) == -1)
		rc = EXIT_TROUBLE;
	st = NULL;
	if (report_close(&rep, &cause) == -1) {
		fprintf(stderr, "%s: %s\n", cmd_progname, cause);
		free(cause);
		rc = EXIT_TROUBLE;
	}
	phonelist_free(&pl);
	share_free(sh);
out:
	store_close(st);
	return rc;
}
