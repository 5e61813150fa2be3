/*
 * For share backends only: how a kind of share reads files and lists
 * directories.  share.c does path checks and caching for all of them.
 */
#ifndef SHARE_INT_H
#define SHARE_INT_H

#include "share.h"

struct strmap;

/* One file of a read_many(): what read() would have said. */
struct share_got {
	enum cfg_status	 status;
	char		*buf;		/* malloced when CFG_OK */
	size_t		 len;
	char		*cause;		/* malloced unless CFG_OK */
	int		 later;		/* not read: ask read() for it alone */
};

struct share_ops {
	/* Set up from the spec; -1 with *cause on failure. */
	int		(*open)(struct share *, const char *, char **);
	/* Read a normalised relative path: CFG_OK with *buf (malloced, len
	 * bytes) or another status with *cause. */
	enum cfg_status	(*read)(struct share *, const char *, char **,
			    size_t *, char **);
	/* Read several paths together, or NULL to read one at a time. */
	void		(*read_many)(struct share *, char *const *, size_t,
			    struct share_got *);
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
	int			 uncached;	/* release every file */
	struct strmap		*dirs;		/* dir -> struct dirlist */
	char			*netrc;		/* NULL or a netrc file */
	int			 follow_urls;	/* read URL entries */
	struct strmap		*planned;	/* path -> placeholder, or NULL */
};

extern const struct share_ops share_dir_ops;
extern const struct share_ops share_url_ops;

/* share_url.c */
int		 share_url_is_remote(const char *);
void		 share_url_names(int, char *, char ***, size_t *);
enum cfg_status	 share_url_get(const char *, const char *, char **,
		    size_t *, char **, char **);

#endif
