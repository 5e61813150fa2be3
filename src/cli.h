/*
 * What the commands share: the option parser (cmd.h has its interface),
 * the options that name a share, a phone and how to reach phones, and
 * opening the share.
 */
#ifndef CLI_H
#define CLI_H

#include "cmd.h"
#include "mac.h"
#include "phone.h"
#include "report.h"

/*
 * Options several commands share, as entries of their struct cmd_opt
 * tables (cmd.h).  Groups 1 to 9 are these; a command's own start at 10.
 */
#define CLI_GROUP_PASSWORD	1
#define CLI_OPT_SHARE \
	{ "share", "DIR|URL", CMD_O_REQUIRED | CMD_O_PATH, 0, NULL, 0 }
#define CLI_OPT_MAC(flags)	{ "mac", "MAC", (flags), 0, NULL, 0 }
#define CLI_OPT_MODEL		{ "model", "M", 0, 0, NULL, 0 }
#define CLI_OPT_MASTER		{ "master", "NAME", 0, 0, NULL, 0 }
#define CLI_OPT_PARAM \
	{ "param", "NAME", CMD_O_MULTI, 0, NULL, 0 }
#define CLI_OPT_SHOW_SECRETS	{ "show-secrets", NULL, 0, 0, NULL, 0 }
#define CLI_OPT_OUTPUT		{ "output", "FILE", CMD_O_PATH, 0, NULL, 0 }
#define CLI_OPT_RECORD		{ "record", "DB", CMD_O_PATH, 0, NULL, 0 }
#define CLI_SHARE_JOBS_MAX	64	/* --share-jobs: polite to a server */
#define CLI_OPTS_REMOTE \
	{ "follow-urls", NULL, 0, 0, NULL, 0 }, \
	{ "netrc-file", "FILE", CMD_O_PATH, 0, NULL, 0 }, \
	{ "share-jobs", "N", 0, CLI_SHARE_JOBS_MAX, NULL, 0 }

/* How to reach phones: shared by audit and pin. */
#define CLI_OPTS_PHONE \
	{ "user", "USER", 0, 0, NULL, 0 }, \
	{ "password-file", "FILE", CMD_O_PATH, 0, NULL, CLI_GROUP_PASSWORD }, \
	{ "password-stdin", NULL, 0, 0, NULL, CLI_GROUP_PASSWORD }, \
	{ "scheme", NULL, 0, 0, cli_schemes, 0 }, \
	{ "port", "N", 0, 65535, NULL, 0 }, \
	{ "cacert", "FILE", CMD_O_PATH, 0, NULL, 0 }, \
	{ "insecure", NULL, 0, 0, NULL, 0 }, \
	{ "timeout", "S", 0, 86400, NULL, 0 }

extern const char *const cli_schemes[];

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

int	cli_target_get(const struct cmd_args *, struct cli_target *);
int	cli_phone_get(const struct cmd_args *, struct cli_phone *);
int	cli_phone_password(struct cli_phone *, const char *);
void	cli_phone_free(struct cli_phone *);
int	cli_open_share(const struct cli_target *, struct share **);
int	cli_open(const struct cli_target *, struct share **,
	    struct resolution *);

#endif
