/* polyaudit show: effective values for one phone, with provenance. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmd.h"
#include "merge.h"
#include "redirect.h"
#include "report.h"
#include "resolve.h"
#include "share.h"
#include "xalloc.h"

static const char usage[] =
"usage: polyaudit show --share DIR|URL --mac MAC [--model M] [--master NAME]\n"
"                      [--param NAME]... [--all] [--show-secrets]\n"
"                      [--follow-urls] [--netrc-file FILE] [--share-jobs N]\n"
"                      [--output FILE] [--format text|json|csv|html]\n"
"Show effective values with the file and line they come from and every\n"
"value they shadow.  Without --param or --all: the PIN sign-in set\n"
"(reg.N.auth.usePinCredentials, dhcp.option43.override.stsUri,\n"
"device.baseProfile).\n";

int
cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_TARGET_OPTIONS,
		{ "param", required_argument, NULL, 'p' },
		{ "all", no_argument, NULL, 'a' },
		{ "show-secrets", no_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'o' },
		{ "output", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_target	  t = { 0 };
	struct showview		  v = { 0 };
	struct report		  rep;
	struct resolution	  r;
	struct share		 *sh;
	struct merged		 *m = NULL;
	enum format		  fmt = FMT_TEXT;
	const char *const	 *all;
	const char		 *output = NULL;
	char			**want = NULL, **names = NULL, *cause = NULL;
	size_t			  nwant = 0, n = 0, i;
	int			  ch, rc, doall = 0;

	optind = 1;
	while ((ch = cli_getopt(argc, argv, longopts, &t, NULL)) != -1) {
		switch (ch) {
		case 'p':
			want = xreallocarray(want, nwant + 1, sizeof(*want));
			want[nwant++] = optarg;
			break;
		case 'a':
			doall = 1;
			break;
		case 'O':
			output = optarg;
			break;
		case 'S':
			v.show_secrets = 1;
			break;
		case 'o':
			if (cli_format("show", optarg,
			    report_offered(REPORT_SHOW), &fmt) == -1) {
				free(want);
				return EXIT_TROUBLE;
			}
			break;
		case 'h':
			fputs(usage, stdout);
			free(want);
			return EXIT_CLEAN;
		case CLI_BAD:
			free(want);
			return EXIT_TROUBLE;
		default:
			free(want);
			return usage_error("show: bad option");
		}
	}
	if (optind != argc) {
		free(want);
		return usage_error("show: unexpected argument '%s'",
		    argv[optind]);
	}
	if (doall && nwant > 0) {
		free(want);
		return usage_error("show: --all and --param exclude each "
		    "other");
	}
	if ((rc = cli_open(&t, &sh, &r)) != EXIT_CLEAN)
		goto out;

	m = merge_new(&r);
	merge_check(m, &r.findings);
	redirect_check_spec(m, share_spec(sh), &r.findings);
	if (doall) {
		n = merge_names(m, &all);
		names = xreallocarray(NULL, n, sizeof(*names));
		for (i = 0; i < n; i++)
			names[i] = xstrdup(all[i]);
	} else if (nwant > 0) {
		n = nwant;
		names = xreallocarray(NULL, n, sizeof(*names));
		for (i = 0; i < n; i++)
			names[i] = xstrdup(want[i]);
	} else
		n = merge_pin_names(m, &names);

	v.r = &r;
	v.findings = &r.findings;
	v.nparams = n;
	v.params = xreallocarray(NULL, n, sizeof(*v.params));
	for (i = 0; i < n; i++)
		v.params[i] = merge_get(m, names[i]);
	if (report_open(&rep, fmt, output, &cause) == 0) {
		report_share(&rep, share_spec(sh));
		report_show(&rep, &v);
		report_close(&rep, &cause);
	}
	rc = findings_worst(&r.findings) >= SEV_WARNING ? EXIT_FINDINGS :
	    EXIT_CLEAN;
	if (cause != NULL) {
		fprintf(stderr, "%s: %s\n", cmd_progname, cause);
		free(cause);
		rc = EXIT_TROUBLE;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(v.params);
out:
	merge_free(m);
	resolution_free(&r);
	share_free(sh);
	free(want);
	return rc;
}
