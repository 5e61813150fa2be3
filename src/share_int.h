/*
 * For share backends only: how a kind of share reads files and lists
 * directories.  share.c does path checks and caching for all of them.
 */
#ifndef SHARE_INT_H
#define SHARE_INT_H

#include <time.h>

#include "share.h"

struct cached;
struct strmap;

/* One file fetched in the background: what read() would have said. */
struct share_got {
	char		*path;		/* malloced */
	enum cfg_status	 status;
	char		*buf;		/* malloced when CFG_OK */
	size_t		 len;
	char		*cause;		/* malloced unless CFG_OK */
	int		 later;		/* not read: ask read() for it alone */
};

void	share_got_free(struct share_got *, size_t);

struct share_ops {
	/* Set up from the spec; -1 with *cause on failure. */
	int		(*open)(struct share *, const char *, char **);
	/* Read a normalised relative path: CFG_OK with *buf (malloced, len
	 * bytes) and, unless mtime is NULL, the file's modification time
	 * (-1 when the server does not say), or another status with
	 * *cause. */
	enum cfg_status	(*read)(struct share *, const char *, char **,
			    size_t *, time_t *, char **);
	/* Fetch in the background, or NULL to read one at a time: start()
	 * queues a path; wait() runs the transfers until at least one is
	 * done (or, unless told to block, only as far as they go without
	 * waiting) and fills up to max of them into got; 0 when none is
	 * queued or in flight. */
	void		(*start)(struct share *, const char *);
	size_t		(*wait)(struct share *, struct share_got *, size_t,
			    int);
	/* The names in a normalised directory ("" is the root), sorted, and
	 * per name whether it may be a directory (NULL if it cannot tell). */
	int		(*list)(struct share *, const char *, char ***,
			    unsigned char **, size_t *, char **);
	void		(*close)(struct share *);
};

struct share {
	const struct share_ops	*ops;
	char			*spec;		/* as the user gave it */
	void			*priv;		/* the backend's */
	struct strmap		*files;		/* path -> struct cached, or
						 * NULL once released */
	struct cached		**adoptees;	/* see share_unadopt() */
	size_t			 nadopted;
	size_t			 adoptcap;
	int			 uncached;	/* release every file */
	size_t			 jobs;		/* transfers at once, >= 1 */
	int			 probing;	/* see share_probe() */
	const char		**missed;	/* paths a probe lacked */
	size_t			 nmissed;
	size_t			 missedcap;
	struct share_got	*got;		/* the last share_pump()'s */
	const char		**done;		/* their paths */
	size_t			 ngot;
	struct share_stats	 stats;
	struct strmap		*dirs;		/* dir -> struct dirlist */
	char			*netrc;		/* NULL or a netrc file */
	int			 follow_urls;	/* read URL entries */
	struct strmap		*servers;	/* URL entries' servers that
						   failed -> why (malloced) */
	struct strmap		*texts;		/* path -> share_text(), or NULL */
	struct strmap		*memos;		/* key -> struct memo, or NULL */
};

extern const struct share_ops share_dir_ops;
extern const struct share_ops share_url_ops;

/* share_url.c */
int		 share_url_is_remote(const char *);
void		 share_url_names(int, char *, char ***, size_t *);
int		 share_url_chain(struct share *, const char *const **,
		    size_t *, const char **, const char **);
enum cfg_status	 share_url_get(const char *, const char *, struct strmap *,
		    char **, size_t *, char **, char **);

#endif
