/*
 * Options shared by the commands that resolve one phone on a share:
 * --share, --mac, --model, --master, --follow-urls, --netrc-file,
 * --share-jobs.
 */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>

#include "mac.h"
#include "phone.h"
#include "report.h"

#define CLI_TARGET_OPTIONS \
	{ "share", required_argument, NULL, 's' }, \
	{ "mac", required_argument, NULL, 'm' }, \
	{ "model", required_argument, NULL, 'M' }, \
	{ "master", required_argument, NULL, 'F' }, \
	{ "follow-urls", no_argument, NULL, 'U' }, \
	{ "netrc-file", required_argument, NULL, 'N' }, \
	{ "share-jobs", required_argument, NULL, 'J' }

/* How to reach phones: shared by audit and pin. */
#define CLI_PHONE_OPTIONS \
	{ "user", required_argument, NULL, 'u' }, \
	{ "password-file", required_argument, NULL, 'W' }, \
	{ "password-stdin", no_argument, NULL, 'w' }, \
	{ "scheme", required_argument, NULL, 'c' }, \
	{ "port", required_argument, NULL, 'r' }, \
	{ "cacert", required_argument, NULL, 'C' }, \
	{ "insecure", no_argument, NULL, 'k' }, \
	{ "timeout", required_argument, NULL, 'T' }

#define CLI_SHARE_JOBS_MAX	64	/* --share-jobs: polite to a server */

#define CLI_BAD	(-2)	/* cli_getopt(): a shared option had a bad value */

struct cli_phone {
	struct phone_opts	 po;
	const char		*pwfile;
	int			 pwstdin;
	char			*password;	/* loaded; wiped when freed */
};

struct cli_target {
	const char	*share;
	char		 mac[MAC_LEN + 1];	/* "" until given */
	const char	*model;
	const char	*master;
	const char	*netrc;		/* NULL or --netrc-file */
	int		 follow_urls;
	size_t		 share_jobs;	/* 0 for the default */
};

struct resolution;
struct share;

int	cli_getopt(int, char **, const struct option *, struct cli_target *,
	    struct cli_phone *);
int	cli_number(const char *, long, long *);
int	cli_format(const char *, const char *, int, enum format *);
void	cli_phone_init(struct cli_phone *);
int	cli_phone_password(struct cli_phone *, const char *);
void	cli_phone_free(struct cli_phone *);
int	cli_open_share(const struct cli_target *, struct share **);
int	cli_open(const struct cli_target *, struct share **,
	    struct resolution *);

#endif
