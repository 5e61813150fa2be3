/*
 * polyaudit diff: what a change to the share changes, phone by phone,
 * before it goes live (or after, against a copy of the old share).
 */
#include <stdio.h>
#include <stdlib.h>

#include "change.h"
#include "cli.h"
#include "cmd.h"
#include "report.h"
#include "share.h"
#include "vis.h"
#include "xalloc.h"

static int	cmd_diff(const struct cmd_args *);

const struct cmd cmd_diff_entry = {
	.name = "diff",
	.options = "[--model M] [--param NAME]... [--check pin] "
	    "[--show-secrets] " CLI_REMOTE " [--output FILE]",
	.report = REPORT_DIFF,
	.args = "OLD NEW",
	.minargs = 2,
	.maxargs = 2,
	.help =
"Resolve every phone either share (a directory or URL) describes on both\n"
"and show every effective value that differs: old and new value, the\n"
"winning file:line on each side and the cause (line edited, file added\n"
"to or removed from the list, override file appeared or went, phone\n"
"appeared or went, file became malformed), then a summary: phones per\n"
"parameter, transition and cause, PIN sign-in verdicts first.\n"
"Exit 1 when any effective value changes, 0 when none does.\n",
	.exec = cmd_diff,
};

static void
print_phone(void *arg, const struct change_phone *cp)
{
	report_change_phone(arg, cp);
}

static int
cmd_diff(const struct cmd_args *a)
{
	struct cli_target	 ct;
	struct change_opts	 co = { 0 };
	struct change_totals	 t = { 0 };
	struct report		 rep;
	struct share		*sh[2] = { NULL, NULL };
	const char *const	*shares;
	char			*cause = NULL;
	size_t			 n;
	int			 rc, k;

	if (cli_target_get(a, &ct) == -1)
		return EXIT_TROUBLE;
	co.pin = args_has(a, "check");
	shares = args_operands(a, &n);
	for (k = 0; k < 2; k++) {
		ct.share = shares[k];
		if ((rc = cli_open_share(&ct, &sh[k])) != EXIT_CLEAN)
			goto out;
	}
	co.model = ct.model;
	co.want = args_values(a, "param", &co.nwant);
	rc = EXIT_TROUBLE;
	if (report_open(&rep, args_format(a), args_get(a, "output"),
	    &cause) == -1)
		goto fail;
	rep.show_secrets = args_has(a, "show-secrets");
	if (change_shares(sh[0], sh[1], &co, print_phone, &rep, &t,
	    &cause) == -1) {
		report_close(&rep, NULL);
		vis_fprintf(stderr, "%s: cannot scan share: %s\n",
		    cmd_progname, cause);
		free(cause);
		goto out;
	}
	report_change_end(&rep, &t);
	rc = t.changed > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
	if (report_close(&rep, &cause) == -1) {
		rc = EXIT_TROUBLE;
		goto fail;
	}
	goto out;
fail:
	vis_fprintf(stderr, "%s: %s\n", cmd_progname, cause);
	free(cause);
out:
	change_totals_free(&t);
	share_free(sh[0]);
	share_free(sh[1]);
	return rc;
}
