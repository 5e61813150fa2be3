/* polyaudit files: the files that apply to one phone, in precedence order. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmd.h"
#include "report.h"
#include "resolve.h"
#include "share.h"

static const char usage[] =
"usage: polyaudit files --share DIR|URL --mac MAC [--model M] [--master NAME]\n"
"                       [--follow-urls] [--netrc-file FILE] [--format text|json]\n"
"                       [--share-jobs N]\n"
"List the files that apply to the phone, highest precedence first, with\n"
"their role (phone-override, web-override, config) and status.\n"
"The share is a directory or an ftp, ftps, http, https or tftp URL.\n";

int
cmd_files(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_TARGET_OPTIONS,
		{ "format", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_target	 t = { 0 };
	struct resolution	 r;
	struct report		 rep;
	struct share		*sh;
	enum format		 fmt = FMT_TEXT;
	int			 ch, rc, worst;

	optind = 1;
	while ((ch = cli_getopt(argc, argv, longopts, &t, NULL)) != -1) {
		switch (ch) {
		case 'o':
			if (cli_format("files", optarg,
			    report_offered(REPORT_FILES), &fmt) == -1)
				return EXIT_TROUBLE;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_CLEAN;
		case CLI_BAD:
			return EXIT_TROUBLE;
		default:
			return usage_error("files: bad option");
		}
	}
	if (optind != argc)
		return usage_error("files: unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_open(&t, &sh, &r)) == EXIT_CLEAN) {
		report_open(&rep, fmt, NULL, NULL);
		report_files(&rep, &r);
		report_close(&rep, NULL);
		worst = findings_worst(&r.findings);
		rc = worst >= SEV_WARNING ? EXIT_FINDINGS : EXIT_CLEAN;
	}
	resolution_free(&r);
	share_free(sh);
	return rc;
}
