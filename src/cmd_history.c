/*
 * polyaudit history: what changed over time in the runs that scan and
 * audit recorded with --record, and since when a phone drifts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cmd.h"
#include "report.h"
#include "store.h"
#include "vis.h"

static int	cmd_history(const struct cmd_args *);

const struct cmd cmd_history_entry = {
	.name = "history",
	.options = "--db FILE [--mac MAC] [--param NAME] [--since DATE] "
	    "[--until DATE] [--first-drift]",
	.report = REPORT_HISTORY,
	.help =
"List what changed between the runs recorded with 'scan --record' and\n"
"'audit --record': when each effective value, phone value or verdict\n"
"changed, from what to what, with the file:line or the phone's source.\n"
"--first-drift: per phone, when drift first appeared and whether it is\n"
"still there.  DATE is YYYY-MM-DD [HH:MM[:SS]] in local time; --until\n"
"with a date alone takes in that whole day.\n",
	.exec = cmd_history,
};

struct out {
	struct report	rep;
	size_t		drifting;
};

static void
print_event(void *arg, const struct store_event *e)
{
	struct out	*o = arg;

	report_history(&o->rep, e);
}

static void
print_drift(void *arg, const struct store_drift *d)
{
	struct out	*o = arg;

	report_drift(&o->rep, d);
	if (d->still)
		o->drifting++;
}

/* DATE [TIME] in local time; a date alone at the end of that day if end. */
static int
parse_date(const char *arg, int end, time_t *out)
{
	static const char *const forms[] = {
		"%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M",
		"%Y-%m-%dT%H:%M", "%Y-%m-%d",
	};
	struct tm	 tm;
	const char	*p;
	size_t		 i;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		memset(&tm, 0, sizeof(tm));
		if ((p = strptime(arg, forms[i], &tm)) != NULL && *p == '\0')
			break;
	}
	if (i == sizeof(forms) / sizeof(forms[0]))
		return usage_error("bad date '%s': give YYYY-MM-DD, optionally "
		    "with HH:MM[:SS]", arg);
	tm.tm_isdst = -1;
	if (end && i == sizeof(forms) / sizeof(forms[0]) - 1)
		tm.tm_mday++;
	*out = mktime(&tm);
	return 0;
}

static int
cmd_history(const struct cmd_args *a)
{
	struct cli_target	 ct;
	struct store_query	 q = { 0 };
	struct out		 o;
	enum format		 fmt = args_format(a);
	struct store		*st;
	const char		*db = args_get(a, "db");
	char			*cause = NULL;
	int			 first = args_has(a, "first-drift"), rc;

	if (cli_target_get(a, &ct) == -1)
		return EXIT_TROUBLE;
	q.name = args_get(a, "param");
	if (args_has(a, "since") &&
	    parse_date(args_get(a, "since"), 0, &q.since) != 0)
		return EXIT_TROUBLE;
	if (args_has(a, "until") &&
	    parse_date(args_get(a, "until"), 1, &q.until) != 0)
		return EXIT_TROUBLE;
	if (ct.mac[0] != '\0')
		q.mac = ct.mac;
	if (store_open(db, 0, &st, &cause) == -1) {
		vis_fprintf(stderr, "%s: %s\n", cmd_progname, cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	report_open(&o.rep, fmt, NULL, NULL);
	o.drifting = 0;
	rc = first ? store_first_drift(st, &q, print_drift, &o, &cause) :
	    store_history(st, &q, print_event, &o, &cause);
	store_close(st);
	if (rc == 0)
		report_history_end(&o.rep, first);
	report_close(&o.rep, NULL);
	if (rc == -1) {
		vis_fprintf(stderr, "%s: %s\n", cmd_progname, cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	return first && o.drifting > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
