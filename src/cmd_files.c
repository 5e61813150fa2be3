/* polyaudit files: the files that apply to one phone, in precedence order. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmd.h"
#include "merge.h"
#include "report.h"
#include "resolve.h"
#include "share.h"
#include "tlstrust.h"

static int	cmd_files(const struct cmd_args *);

const struct cmd cmd_files_entry = {
	.name = "files",
	.options = CLI_TARGET " " CLI_REMOTE,
	.report = REPORT_FILES,
	.help =
"List the files that apply to the phone, highest precedence first, with\n"
"their role (phone-override, web-override, config) and status.\n"
"The share is a directory or an ftp, ftps, http, https or tftp URL.\n",
	.exec = cmd_files,
};

static int
cmd_files(const struct cmd_args *a)
{
	struct cli_target	 t;
	struct resolution	 r;
	struct report		 rep;
	struct share		*sh;
	struct tls_server	*tls;
	struct merged		*m;
	enum format		 fmt = args_format(a);
	int			 rc, worst;

	if (cli_target_get(a, &t) == -1)
		return EXIT_TROUBLE;
	if ((rc = cli_open(&t, &sh, &r)) == EXIT_CLEAN) {
		/* Which CAs the phone has: the merged values say. */
		if ((tls = tls_server_new(sh)) != NULL) {
			m = merge_new(&r);
			tls_check(tls, m, &r.findings);
			merge_free(m);
			tls_server_free(tls);
		}
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
