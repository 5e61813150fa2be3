/*
 * Reading the share: the provisioning server's files, as a phone would
 * fetch them.  Paths are share-relative; nothing outside the share's root
 * is ever opened.  Each file is read and parsed at most once per share.
 */
#ifndef SHARE_H
#define SHARE_H

#include <stddef.h>

#include "cfgfile.h"

#define SHARE_MAXFILE	(16u << 20)	/* bytes read from one file at most */

struct share;

struct share	*share_open(const char *, char **);
/* Options for share_open_opts(); all zero means share_open(). */
struct share_opts {
	const char	*netrc;		/* NULL or a netrc file for URLs */
	int		 follow_urls;	/* read URL entries from a local share */
};
struct share	*share_open_opts(const char *, const struct share_opts *,
		    char **);
void		 share_free(struct share *);
const char	*share_spec(const struct share *);
char		*share_path(const char *, const char *);

/* Borrowed; lives as long as the share, or until share_release() if held.
 * Never NULL. */
const struct cfgfile *share_file(struct share *, const char *);
void		 share_hold(struct share *, const struct cfgfile *, int);
void		 share_release(struct share *, const struct cfgfile *);

/*
 * Fetching together, for remote shares.  After share_plan() returns 1,
 * share_file() only notes what it is asked for and answers "missing";
 * share_plan_fetch() then fetches every noted file at once, keeps them,
 * ends the planning and returns how many it fetched.  Resolutions made
 * while planning must be freed before.  share_plan() returns 0 and
 * changes nothing on a local share.
 */
int		 share_plan(struct share *);
size_t		 share_plan_fetch(struct share *);
void		 share_fetch_ahead(struct share *, const char *const *, size_t);

/* Share-relative path of name in dir, exact or else case-insensitive;
 * borrowed, NULL if absent.  *exact says which matched. */
const char	*share_lookup(struct share *, const char *, const char *, int *);

/* A URL entry of CONFIG_FILES, fetched with the share's limits (borrowed),
 * or NULL when URL entries are not followed: a local share without
 * follow_urls. */
const struct cfgfile *share_url_file(struct share *, const char *);

/* The names in a directory, borrowed; -1 with *cause if it cannot be listed. */
int		 share_list(struct share *, const char *, char *const **,
		    size_t *, char **);
int		 share_maybe_dir(struct share *, const char *, size_t);

#endif
