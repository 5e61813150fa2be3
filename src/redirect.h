/*
 * Provisioning redirects: the merged view sends the phone to another
 * provisioning server than the audited share (prov-redirect).
 */
#ifndef REDIRECT_H
#define REDIRECT_H

struct findings;
struct merged;
struct prov_share;

void		 redirect_check(struct merged *, struct prov_share *,
		    struct findings *);
void		 redirect_check_spec(struct merged *, const char *,
		    struct findings *);
const char	*redirect_type_name(const char *);

#endif
