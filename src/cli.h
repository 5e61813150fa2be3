/*
 * Options shared by the commands that resolve one phone on a share:
 * --share, --mac, --model, --master, --follow-urls, --netrc-file.
 */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>

#include "mac.h"

#define CLI_TARGET_OPTIONS \
	{ "share", required_argument, NULL, 's' }, \
	{ "mac", required_argument, NULL, 'm' }, \
	{ "model", required_argument, NULL, 'M' }, \
	{ "master", required_argument, NULL, 'F' }, \
	{ "follow-urls", no_argument, NULL, 'U' }, \
	{ "netrc-file", required_argument, NULL, 'N' }

struct cli_target {
	const char	*share;
	char		 mac[MAC_LEN + 1];	/* "" until given */
	const char	*model;
	const char	*master;
	const char	*netrc;		/* NULL or --netrc-file */
	int		 follow_urls;
};

struct resolution;
struct share;

int	cli_target_option(struct cli_target *, int, const char *);
int	cli_open(const struct cli_target *, struct share **,
	    struct resolution *);

#endif
