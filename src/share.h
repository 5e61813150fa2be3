/*
 * Reading the share: the provisioning server's files, as a phone would
 * fetch them.  Paths are share-relative; nothing outside the share's root
 * is ever opened.  Each file is read and parsed at most once per share.
 */
#ifndef SHARE_H
#define SHARE_H

#include <stddef.h>
#include <time.h>

#include "cfgfile.h"

#define SHARE_MAXFILE	(16u << 20)	/* bytes read from one file at most */

struct share;

struct share	*share_open(const char *, char **);
#define SHARE_JOBS	8	/* transfers at once to a server, by default */

/* Options for share_open_opts(); all zero means share_open(). */
struct share_opts {
	const char	*netrc;		/* NULL or a netrc file for URLs */
	int		 follow_urls;	/* read URL entries from a local share */
	size_t		 jobs;		/* 0 for SHARE_JOBS */
};

/* What a share fetched in the background, for progress reports. */
struct share_stats {
	size_t	 planned;	/* files asked for */
	size_t	 fetched;	/* of them, answered */
};
struct share	*share_open_opts(const char *, const struct share_opts *,
		    char **);
void		 share_free(struct share *);
const char	*share_spec(const struct share *);
char		*share_path(const char *, const char *);
int		 share_path_plain(const char *, const char *);

/* Borrowed; lives as long as the share, or until share_release() if held.
 * Never NULL. */
const struct cfgfile *share_file(struct share *, const char *);
int		 share_hold(struct share *, const struct cfgfile *, int);
#define SHARE_PASSING	0	/* not held, and not kept either */
#define SHARE_HELD	1
#define SHARE_KEPT	2	/* shared: stays until share_free() */
void		 share_release(struct share *, const struct cfgfile *);

/*
 * Reading ahead on another thread, for local shares (readahead.c).  A
 * view is made and freed on the share's thread; the other thread only
 * calls share_view_has() and share_view_load().  share_adopt() (on the
 * share's thread) takes what it read into the share's cache.
 */
struct share_view;
struct share_view *share_view_new(struct share *);
void		 share_view_free(struct share_view *);
int		 share_view_has(const struct share_view *, const char *,
		    const char *);
struct cfgfile	*share_view_load(const struct share_view *, const char *);
void		 share_adopt(struct share *, struct cfgfile *);
void		 share_unadopt(struct share *);

/*
 * Fetching ahead, for remote shares (see prefetch.c).  While probing,
 * share_file() starts fetching what it does not have and answers
 * "missing" for it, noting the path for share_missed(); share_pump()
 * keeps what came, waiting for at least one fetch if told to block.
 * share_file() outside a probe waits for a file already on its way.  On
 * a local share share_fetches() is 0 and probing changes nothing.
 */
int		 share_fetches(const struct share *);
void		 share_probe(struct share *, int);
size_t		 share_missed(const struct share *, const char *const **);
size_t		 share_pump(struct share *, const char *const **, int);
const struct share_stats *share_stats(const struct share *);
void		 share_fetch_ahead(struct share *, const char *const *, size_t);

/* Share-relative path of name in dir, exact or else case-insensitive;
 * borrowed, NULL if absent.  *exact says which matched.  In a directory
 * that cannot be listed the exact name is read, as a phone asks for it. */
const char	*share_lookup(struct share *, const char *, const char *, int *);

/* A URL entry of CONFIG_FILES, fetched with the share's limits (borrowed),
 * or NULL when URL entries are not followed: a local share without
 * follow_urls. */
const struct cfgfile *share_url_file(struct share *, const char *);

/* A file's bytes as they are, not parsed: CFG_OK with *buf (malloced,
 * NUL-terminated, *len bytes), else another status with *cause. */
enum cfg_status	 share_read(struct share *, const char *, char **, size_t *,
		    char **);
/* The same, and the file's modification time as the share tells it (a
 * directory's stat, FTP's MDTM, HTTP's Last-Modified), or -1 (TFTP). */
enum cfg_status	 share_read_dated(struct share *, const char *, char **,
		    size_t *, time_t *, char **);
/* A small text file (sip.ver), read once and kept; borrowed, NULL when it
 * is absent, unreadable, longer than max bytes or holds a NUL. */
const char	*share_text(struct share *, const char *, size_t);

/* What a module derives from files the share keeps, kept under key until
 * share_free(), which frees it with the function given (runindex.c). */
void		*share_memo(struct share *, const char *);
void		 share_memo_put(struct share *, const char *, void *,
		    void (*)(void *));

/* 1 for a server share (FTP, HTTP, TFTP), 0 for a local directory. */
int		 share_remote(const struct share *);

/* An https:// or ftps:// share's server certificates as the server sent
 * them, leaf first (PEM, borrowed), and the host its URL names: 1, or 0
 * for another share, or -1 with *cause (borrowed) when they could not be
 * read.  Read once per share: from a transfer, else one handshake that
 * sends no credentials. */
int		 share_tls_chain(struct share *, const char *const **,
		    size_t *, const char **, const char **);

/* The names in a directory, borrowed; -1 with *cause if it cannot be listed. */
int		 share_list(struct share *, const char *, char *const **,
		    size_t *, char **);
int		 share_maybe_dir(struct share *, const char *, size_t);

#endif
