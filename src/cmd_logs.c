/*
 * polyaudit logs: what the phones uploaded, <MAC>-app.log and
 * <MAC>-boot.log (logcheck.c): how old the newest upload is, and the log
 * lines that prove something.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "logcheck.h"
#include "prefetch.h"
#include "report.h"
#include "resolve.h"
#include "scan.h"
#include "share.h"
#include "xalloc.h"

/* From a server, the files of phones this far ahead are fetched for. */
#define LOGS_AHEAD(jobs)	((jobs) * 16)

static int	cmd_logs(const struct cmd_args *);

const struct cmd cmd_logs_entry = {
	.name = "logs",
	.options = "--share DIR|URL [--mac MAC] " CLI_MAX_AGE " " CLI_REMOTE,
	.report = REPORT_LOGS,
	.help =
"Read the logs the phone uploaded, <mac>-app.log and <mac>-boot.log, in\n"
"the LOG_FILE_DIRECTORY of its master (else the root): how old the newest\n"
"upload is (the files' modification time; uploads-stale past --max-age\n"
"DAYS, default 2), and each line with a proven signature, with file:line.\n"
"Without --mac: every phone scan finds and every MAC with a log file.\n"
"With --format json: one JSON object per line.\n",
	.exec = cmd_logs,
};

static int
cmd_logs(const struct cmd_args *a)
{
	struct cli_target	 t;
	struct phonelist	 pl = { NULL, 0 };
	struct resolution	 r;
	struct logcheck		 lc;
	struct report		 rep;
	struct resolve_target	*targets;
	struct prefetch		*pf;
	struct share		*sh;
	char			*cause = NULL;
	time_t			 now = report_now();
	long			 maxage = args_num(a, "max-age",
				    LOGCHECK_MAXAGE);
	size_t			 i;
	int			 rc, flagged = 0;

	if (cli_target_get(a, &t) == -1)
		return EXIT_TROUBLE;
	if ((rc = cli_open_share(&t, &sh)) != EXIT_CLEAN)
		return rc;
	if (t.mac[0] != '\0') {
		pl.mac = xcalloc(1, sizeof(*pl.mac));
		memcpy(pl.mac[0], t.mac, sizeof(pl.mac[0]));
		pl.n = 1;
	} else if (logcheck_phones(sh, &pl, &cause) == -1) {
		rc = cli_error("cannot scan share: %s", cause);
		free(cause);
		share_free(sh);
		return rc;
	}
	report_open(&rep, args_format(a), NULL, NULL);
	report_share(&rep, share_spec(sh));
	targets = xcalloc(pl.n + 1, sizeof(*targets));
	for (i = 0; i < pl.n; i++)
		targets[i].mac = pl.mac[i];
	pf = prefetch_new(sh, targets, pl.n, NULL, LOGS_AHEAD(t.share_jobs ?
	    t.share_jobs : SHARE_JOBS));
	for (i = 0; i < pl.n; i++) {
		prefetch_wait(pf, i);
		resolve_phone(sh, pl.mac[i], NULL, NULL, &r);
		logcheck_phone(sh, &r, now, maxage, &lc);
		report_logs(&rep, &lc);
		flagged |= findings_worst(&lc.findings) >= SEV_WARNING;
		logcheck_free(&lc);
		resolve_release(sh, &r);
		resolution_free(&r);
	}
	prefetch_free(pf);
	free(targets);
	report_end(&rep, REPORT_LOGS);
	report_close(&rep, NULL);
	phonelist_free(&pl);
	share_free(sh);
	return flagged ? EXIT_FINDINGS : EXIT_CLEAN;
}
