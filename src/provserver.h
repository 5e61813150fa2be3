/*
 * Is the phone provisioning from the share being audited?  Compares the
 * server a phone reports (network/info's ProvServerAddress and
 * ProvServerType) with the share's URL: type, host, port and path.
 */
#ifndef PROVSERVER_H
#define PROVSERVER_H

enum prov_match {
	PROV_SAME,
	PROV_DIFFERENT,
	PROV_UNKNOWN,		/* a local share, or the phone did not say */
};

struct prov_share;

/* The share as given (a URL or a directory), passwords already removed. */
struct prov_share	*prov_share_new(const char *);
void			 prov_share_free(struct prov_share *);
const char		*prov_share_type(const struct prov_share *);
const char		*prov_share_shown(const struct prov_share *);

/*
 * The look-up of a phone's server name, started at once and never waited
 * for past a deadline: a name that does not resolve must not hold the
 * phone past --timeout or delay another phone.  NULL when nothing needs
 * looking up (a local share, no host, the share's own name, known).
 */
struct prov_lookup;
struct prov_lookup	*prov_lookup_start(struct prov_share *, const char *,
			    const char *);
/* Wait at most ms (0: just look); 1 when done, or for NULL. */
int			 prov_lookup_wait(struct prov_lookup *, long);
void			 prov_lookup_free(struct prov_lookup *);

/*
 * Compare; *why (malloced) says what differs or why it cannot tell.  The
 * look-up's answer is used; an unfinished one, or none for a name that
 * needed one, makes the match unknown.
 */
enum prov_match		 prov_compare(struct prov_share *, const char *,
			    const char *, struct prov_lookup *, char **);
const char		*prov_match_name(enum prov_match);

#endif
