#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "prefetch.h"
#include "resolve.h"
#include "share.h"
#include "vis.h"

static int	cli_phone_option(struct cli_phone *, int, const char *);

/*
 * Take a shared option.  Returns 1 if it was one, 0 if not, and -1 after
 * reporting a bad value.
 */
static int
cli_target_option(struct cli_target *t, int ch, const char *arg)
{
	long	n;

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
	case 'J':
		if (cli_number(arg, CLI_SHARE_JOBS_MAX, &n) == -1)
			return -1;
		t->share_jobs = (size_t)n;
		return 1;
	default:
		return 0;
	}
}

/*
 * getopt_long() that takes the target options itself, and the phone
 * options too if ph is not NULL.  Returns the next of the command's own
 * options, -1 at the end, or CLI_BAD after reporting a bad value.
 */
int
cli_getopt(int argc, char **argv, const struct option *longopts,
    struct cli_target *t, struct cli_phone *ph)
{
	int	ch, took;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if ((took = cli_target_option(t, ch, optarg)) == 0 &&
		    ph != NULL)
			took = cli_phone_option(ph, ch, optarg);
		if (took == -1)
			return CLI_BAD;
		if (took == 0)
			return ch;
	}
	return -1;
}

/*
 * Open the share with the target's options; on failure say why on stderr
 * and return the exit status.
 */
int
cli_open_share(const struct cli_target *t, struct share **sh)
{
	struct share_opts	 o = { t->netrc, t->follow_urls, t->share_jobs };
	char			*cause = NULL;

	*sh = NULL;
	if (t->share == NULL)
		return usage_error("--share is required");
	/* libcurl would quietly go without an unreadable netrc file. */
	if (t->netrc != NULL && access(t->netrc, R_OK) == -1) {
		vis_fprintf(stderr, "%s: --netrc-file %s: %s\n", cmd_progname,
		    t->netrc, strerror(errno));
		return EXIT_TROUBLE;
	}
	if ((*sh = share_open_opts(t->share, &o, &cause)) == NULL) {
		vis_fprintf(stderr, "%s: cannot open share: %s\n", cmd_progname,
		    cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	return EXIT_CLEAN;
}

/*
 * Open the share and resolve the phone; on failure say why on stderr and
 * return the exit status.  The caller frees both even on failure.
 */
int
cli_open(const struct cli_target *t, struct share **sh, struct resolution *r)
{
	struct resolve_target	 target = { t->mac, t->model };
	struct prefetch		*pf;
	int			 rc;

	memset(r, 0, sizeof(*r));
	*sh = NULL;
	if (t->share == NULL)
		return usage_error("--share is required");
	if (t->mac[0] == '\0')
		return usage_error("--mac is required");
	if ((rc = cli_open_share(t, sh)) != EXIT_CLEAN)
		return rc;
	/* From a server, the phone's files come together, not one by one. */
	pf = prefetch_new(*sh, &target, 1, t->master, 0);
	prefetch_wait(pf, 0);
	prefetch_free(pf);
	resolve_phone(*sh, t->mac, t->model, t->master, r);
	return EXIT_CLEAN;
}

/* A whole number from 1 to max; -1 after reporting a bad one. */
int
cli_number(const char *arg, long max, long *out)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || n < 1 || n > max) {
		usage_error("bad number '%s': give 1 to %ld", arg, max);
		return -1;
	}
	*out = n;
	return 0;
}

/*
 * A --format for the command cmd; allowed is a mask of (1 << FMT_*),
 * as report_offered() gives it.  -1 after reporting a bad one.
 */
int
cli_format(const char *cmd, const char *arg, int allowed, enum format *fmt)
{
	if (report_format(arg, allowed, fmt) == -1) {
		usage_error("%s: --format is %s", cmd,
		    report_format_list(allowed));
		return -1;
	}
	return 0;
}

void
cli_phone_init(struct cli_phone *p)
{
	memset(p, 0, sizeof(*p));
	phone_opts_init(&p->po);
}

/* Take a phone option, like cli_target_option(). */
static int
cli_phone_option(struct cli_phone *p, int ch, const char *arg)
{
	long	n;

	switch (ch) {
	case 'u':
		p->po.user = arg;
		return 1;
	case 'W':
		p->pwfile = arg;
		return 1;
	case 'w':
		p->pwstdin = 1;
		return 1;
	case 'c':
		if (strcmp(arg, "http") != 0 && strcmp(arg, "https") != 0) {
			usage_error("--scheme is https or http");
			return -1;
		}
		p->po.http = strcmp(arg, "http") == 0;
		return 1;
	case 'r':
		if (cli_number(arg, 65535, &n) == -1)
			return -1;
		p->po.port = (unsigned)n;
		return 1;
	case 'C':
		p->po.cacert = arg;
		return 1;
	case 'k':
		p->po.insecure = 1;
		return 1;
	case 'T':
		if (cli_number(arg, 86400, &n) == -1)
			return -1;
		p->po.phone_ms = n * 1000;
		return 1;
	default:
		return 0;
	}
}

/*
 * Load the password (file, standard input or POLYAUDIT_PASSWORD); stdin
 * names what else reads standard input, or NULL.  Reports its errors.
 */
int
cli_phone_password(struct cli_phone *p, const char *stdin_user)
{
	char	*cause = NULL;

	if (p->pwfile != NULL && p->pwstdin)
		return usage_error("--password-file and --password-stdin "
		    "exclude each other");
	if (p->pwstdin && stdin_user != NULL)
		return usage_error("%s and the password cannot both come "
		    "from standard input", stdin_user);
	if (phone_password_load(p->pwfile, p->pwstdin, &p->password,
	    &cause) == -1) {
		vis_fprintf(stderr, "%s: %s\n", cmd_progname, cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	p->po.password = p->password;
	return EXIT_CLEAN;
}

void
cli_phone_free(struct cli_phone *p)
{
	phone_password_free(p->password);
	p->password = NULL;
}
