/*
 * polyaudit: which provisioning setting a Poly phone really runs, and why.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

int
main(int argc, char *argv[])
{
	int	rc = cli_main(argc, argv), err;

	/*
	 * A full disk or a pipe closed with SIGPIPE ignored: a report that
	 * was not all written is a runtime error, not the exit status of
	 * what it would have said.
	 */
	err = fflush(stdout) == EOF ? errno : 0;
	if (err != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the standard output%s%s\n",
		    cmd_progname, err ? ": " : "", err ? strerror(err) : "");
		return EXIT_TROUBLE;
	}
	return rc;
}
