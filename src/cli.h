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
 * Options several commands share, as parts of their option strings
 * (cmd.h).  CLI_TARGET names one phone in the share: files, pin, show.
 */
#define CLI_TARGET	"--share DIR|URL --mac MAC [--model M] [--master NAME]"
/* Where to read a share from; --share-jobs is polite to a server. */
#define CLI_REMOTE \
	"[--follow-urls] [--netrc-file FILE] [--share-jobs N<=64]"
/* Uploads older than this many days are stale: logs, scan --check logs. */
#define CLI_MAX_AGE	"[--max-age DAYS<=3650]"
/* How to reach phones: shared by audit and pin. */
#define CLI_PHONE \
	"[--user USER] [--password-file FILE | --password-stdin] " \
	"[--scheme https|http] [--port N<=65535] [--cacert FILE] " \
	"[--insecure] [--timeout S<=86400]"

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
