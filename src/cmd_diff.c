/*
 * polyaudit diff: what a change to the share changes, phone by phone,
 * before it goes live (or after, against a copy of the old share).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "cli.h"
#include "cmd.h"
#include "report.h"
#include "share.h"
#include "vis.h"
#include "xalloc.h"

static const char usage[] =
"usage: polyaudit diff [--model M] [--param NAME]... [--check pin]\n"
"                      [--show-secrets] [--format text|json|csv|openmetrics]\n"
"                      [--output FILE] [--follow-urls] [--netrc-file FILE]\n"
"                      [--share-jobs N]\n"
"                      OLD NEW\n"
"Resolve every phone either share (a directory or URL) describes on both\n"
"and show every effective value that differs: old and new value, the\n"
"winning file:line on each side and the cause (line edited, file added\n"
"to or removed from the list, override file appeared or went, phone\n"
"appeared or went, file became malformed), then a summary: phones per\n"
"parameter, transition and cause, PIN sign-in verdicts first.\n"
"Exit 1 when any effective value changes, 0 when none does.\n";

static void
print_phone(void *arg, const struct change_phone *cp)
{
	report_change_phone(arg, cp);
}

int
cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "model", required_argument, NULL, 'M' },
		{ "follow-urls", no_argument, NULL, 'U' },
		{ "netrc-file", required_argument, NULL, 'N' },
		{ "share-jobs", required_argument, NULL, 'J' },
		{ "param", required_argument, NULL, 'p' },
		{ "check", required_argument, NULL, 'c' },
		{ "show-secrets", no_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'o' },
		{ "output", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_target	 ct = { 0 };
	struct change_opts	 co = { 0 };
	struct change_totals	 t = { 0 };
	struct report		 rep;
	enum format		 fmt = FMT_TEXT;
	struct share		*sh[2] = { NULL, NULL };
	const char		*output = NULL;
	char			**want = NULL, *cause = NULL;
	size_t			 nwant = 0;
	int			 ch, rc = EXIT_TROUBLE, k, show = 0;

	optind = 1;
	while ((ch = cli_getopt(argc, argv, longopts, &ct, NULL)) != -1) {
		switch (ch) {
		case 'p':
			want = xreallocarray(want, nwant + 1, sizeof(*want));
			want[nwant++] = optarg;
			break;
		case 'S':
			show = 1;
			break;
		case 'O':
			output = optarg;
			break;
		case 'c':
			if (strcmp(optarg, "pin") != 0) {
				usage_error("diff: the only --check is pin");
				goto out;
			}
			co.pin = 1;
			break;
		case 'o':
			if (cli_format("diff", optarg,
			    report_offered(REPORT_DIFF), &fmt) == -1)
				goto out;
			break;
		case 'h':
			fputs(usage, stdout);
			rc = EXIT_CLEAN;
			goto out;
		case CLI_BAD:
			goto out;
		default:
			usage_error("diff: bad option");
			goto out;
		}
	}
	if (argc - optind != 2) {
		usage_error(argc - optind < 2 ? "diff: give the OLD and the NEW "
		    "share" : "diff: unexpected argument '%s'",
		    argv[optind + 2]);
		goto out;
	}
	for (k = 0; k < 2; k++) {
		ct.share = argv[optind + k];
		if ((rc = cli_open_share(&ct, &sh[k])) != EXIT_CLEAN)
			goto out;
	}
	co.model = ct.model;
	co.want = want;
	co.nwant = nwant;
	rc = EXIT_TROUBLE;
	if (report_open(&rep, fmt, output, &cause) == -1)
		goto fail;
	rep.show_secrets = show;
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
	free(want);
	return rc;
}
