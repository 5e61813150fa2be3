#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "resolve.h"
#include "share.h"

/*
 * Take a shared option.  Returns 1 if it was one, 0 if not, and -1 after
 * reporting a bad value.
 */
int
cli_target_option(struct cli_target *t, int ch, const char *arg)
{
	switch (ch) {
	case 's':
		t->share = arg;
		return 1;
	case 'm':
		if (mac_parse(arg, t->mac) == -1) {
			usage_error("bad MAC address '%s': give 12 hex digits, "
			    "optionally separated by ':' or '-'", arg);
			return -1;
		}
		return 1;
	case 'M':
		t->model = arg;
		return 1;
	case 'F':
		t->master = arg;
		return 1;
	case 'U':
		t->follow_urls = 1;
		return 1;
	case 'N':
		t->netrc = arg;
		return 1;
	default:
		return 0;
	}
}

/*
 * Open the share and resolve the phone; on failure say why on stderr and
 * return the exit status.  The caller frees both even on failure.
 */
int
cli_open(const struct cli_target *t, struct share **sh, struct resolution *r)
{
	struct share_opts	 o = { t->netrc, t->follow_urls };
	char			*cause = NULL;

	memset(r, 0, sizeof(*r));
	*sh = NULL;
	if (t->share == NULL)
		return usage_error("--share is required");
	if (t->mac[0] == '\0')
		return usage_error("--mac is required");
	/* libcurl would quietly go without an unreadable netrc file. */
	if (t->netrc != NULL && access(t->netrc, R_OK) == -1) {
		fprintf(stderr, "%s: --netrc-file %s: %s\n", cmd_progname,
		    t->netrc, strerror(errno));
		return EXIT_TROUBLE;
	}
	if ((*sh = share_open_opts(t->share, &o, &cause)) == NULL) {
		fprintf(stderr, "%s: cannot open share: %s\n", cmd_progname,
		    cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	resolve_phone(*sh, t->mac, t->model, t->master, r);
	return EXIT_CLEAN;
}
