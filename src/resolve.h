/*
 * Which files apply to one phone, in precedence order: the phone-UI
 * override, the web override, then CONFIG_FILES (or the per-model list) as
 * listed.  Resolution rules: shared/reference/provisioning.md section 8.
 */
#ifndef RESOLVE_H
#define RESOLVE_H

#include <stddef.h>

#include "cfgfile.h"
#include "findings.h"
#include "firmware.h"
#include "mac.h"

struct runindex;
struct share;

enum role {
	ROLE_PHONE_OVERRIDE,
	ROLE_WEB_OVERRIDE,
	ROLE_CONFIG,
};

struct chainfile {
	char			*path;		/* share-relative, or as listed */
	int			 borrowed;	/* path is cf's, kept by the share */
	int			 kept;		/* cf stays until share_free() */
	enum role		 role;
	enum cfg_status		 status;
	char			*error;		/* NULL when ok */
	int			 errline;
	const struct cfgfile	*cf;		/* borrowed; NULL unless ok */
	const struct cfgfile	*held;		/* see resolve_release() */
};

struct resolution {
	char			 mac[MAC_LEN + 1];
	char			*model;		/* NULL when unknown */
	char			*master;	/* share-relative; NULL if none */
	const struct cfgfile	*mastercf;	/* borrowed; NULL if none */
	const struct cfgfile	*masterheld;	/* see resolve_release() */
	int			 master_listed;	/* in its own CONFIG_FILES */
	struct chainfile	*files;		/* highest precedence first */
	size_t			 nfiles;
	size_t			 filescap;
	const struct runindex	*run;		/* of files[runfirst...], or NULL */
	size_t			 runfirst;
	size_t			 runlen;
	struct firmware		 firmware;	/* the image the master selects */
	struct findings		 findings;
};

/* A phone to fetch files for: canonical MAC, model or NULL. */
struct resolve_target {
	const char	*mac;
	const char	*model;
};

int		 resolve_phone(struct share *, const char *, const char *,
		    const char *, struct resolution *);
/* The share path of name in dir, borrowed till the next call; or NULL. */
typedef const char *resolve_find(void *, const char *, const char *);
size_t		 resolve_ahead(const struct cfgfile *, const char *,
		    const char *, const char *, int, resolve_find *, void *,
		    char ***);
#define RESOLVE_OWN	0	/* a phone's own files */
#define RESOLVE_SITE	1	/* the files its list shares with others */
void		 resolve_release(struct share *, struct resolution *);
void		 resolution_free(struct resolution *);
char		*resolve_subst(char *, const char *, const char *);
const char	*role_name(enum role);
int		 resolve_is_master_attr(const char *);

#endif
