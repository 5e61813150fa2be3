/* polyaudit show: effective values for one phone, with provenance. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmd.h"
#include "hygiene.h"
#include "merge.h"
#include "pin.h"
#include "redirect.h"
#include "report.h"
#include "resolve.h"
#include "share.h"
#include "tlstrust.h"
#include "xalloc.h"

static int	cmd_show(const struct cmd_args *);

const struct cmd cmd_show_entry = {
	.name = "show",
	.options = CLI_TARGET " [--all | --param NAME...] [--show-secrets] "
	    CLI_REMOTE " [--output FILE]",
	.report = REPORT_SHOW,
	.help =
"Show effective values with the file and line they come from and every\n"
"value they shadow.  Without --param or --all: the PIN sign-in set\n"
"(reg.N.auth.usePinCredentials, dhcp.option43.override.stsUri,\n"
"device.baseProfile).\n",
	.exec = cmd_show,
};

static int
cmd_show(const struct cmd_args *a)
{
	struct cli_target	  t;
	struct showview		  v = { 0 };
	struct report		  rep;
	struct resolution	  r;
	struct share		 *sh;
	struct merged		 *m = NULL;
	struct tls_server	 *tls;
	enum format		  fmt = args_format(a);
	const char *const	 *want;
	const char		 *output = args_get(a, "output");
	char			**names = NULL, *cause = NULL;
	size_t			  nwant, n = 0, i;
	int			  rc;

	if (cli_target_get(a, &t) == -1)
		return EXIT_TROUBLE;
	want = args_values(a, "param", &nwant);
	v.show_secrets = args_has(a, "show-secrets");
	if ((rc = cli_open(&t, &sh, &r)) != EXIT_CLEAN)
		goto out;

	m = merge_new(&r);
	merge_check(m, &r.findings);
	redirect_check_spec(m, share_spec(sh), REDIRECT_WAIT_MS, &r.findings);
	if ((tls = tls_server_new(sh)) != NULL) {
		tls_check(tls, m, &r.findings);
		tls_server_free(tls);
	}
	hygiene_orphan(sh, &r, &r.findings);
	hygiene_redundant(m, &r, &r.findings);
	n = pin_shown(m, want, nwant, args_has(a, "all") ? PIN_SHOWN_ALL :
	    PIN_SHOWN_PIN, &names);

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
	return rc;
}
