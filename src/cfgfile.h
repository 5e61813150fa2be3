/*
 * Parsing one configuration file: every attribute of every element, in
 * document order, with the line it stands on.  The only user of libxml2.
 */
#ifndef CFGFILE_H
#define CFGFILE_H

#include <stddef.h>
#include <stdint.h>

#define CFG_NONE	SIZE_MAX	/* no such parameter index */

struct strmap;

enum cfg_status {
	CFG_OK,
	CFG_MISSING,		/* not on the share */
	CFG_MALFORMED,		/* not well-formed XML, or has a DTD with entities */
	CFG_REFUSED,		/* path leaves the share, a URL, not a regular file */
	CFG_ENCRYPTED,		/* first line a Digest= header: not readable */
};

struct cfgparam {
	char	*name;
	char	*value;		/* attribute-value normalised, UTF-8 */
	int	 line;
};

struct cfgfile {
	char		*path;		/* share-relative */
	enum cfg_status	 status;
	char		*error;		/* why not CFG_OK; NULL when ok */
	int		 errline;	/* 0 when unknown */
	char		*root;		/* root element name, NULL unless ok */
	char		*created;	/* a "<!-- Created ... -->" before the
					   root, as written; or NULL */
	struct cfgparam	*params;	/* document order */
	char		*strings;	/* the params' names and values */
	size_t		 nparams;
	size_t		 nsxattrs;	/* xsi: attributes skipped */
	struct strmap	*index;		/* name -> first index + 1; NULL
					 * for a small file */
	size_t		*next;		/* next index with the same name */
	int		*regs;		/* the N of every reg.N.*, sorted */
	size_t		 nregs;
	int		 kept;		/* share.c's: lent as shared, so it
					 * lives until share_free() */
	void		*entry;		/* share.c's: its cache entry, when
					 * kept under its own path */
	size_t		 bytes;		/* its block's size */
	int		 away;		/* made on the reading thread */
	struct cfgfile	*given;		/* given back to it, next */
};

#define CFG_CREATED_MAX	64	/* bytes of a Created date kept */
#define CFG_REG_MAX	9999	/* a larger reg.N is a typo, not a line */

struct cfgfile	*cfgfile_parse(const char *, const char *, size_t);
struct cfgfile	*cfgfile_failed(const char *, enum cfg_status, int,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
void		 cfgfile_free(struct cfgfile *);
const char	*cfgfile_get(const struct cfgfile *, const char *, int *);
size_t		 cfgfile_first(const struct cfgfile *, const char *);
size_t		 cfgfile_first_hashed(const struct cfgfile *, const char *,
		    uint32_t);
size_t		 cfgfile_next(const struct cfgfile *, size_t);
const char	*cfgfile_next_name(const struct cfgfile *, size_t *);
const char	*cfg_status_name(enum cfg_status);
void		 cfgfile_threads(void);
void		 cfgfile_reading(void);
void		 cfgfile_reclaim(void);
void		 cfgfile_threads_end(void);

#endif
