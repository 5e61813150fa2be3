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

/* Compare; *why (malloced) says what differs or why it cannot tell. */
enum prov_match		 prov_compare(struct prov_share *, const char *,
			    const char *, char **);
const char		*prov_match_name(enum prov_match);

#endif
