/*
 * Provisioning redirects: the merged view sends the phone to another
 * provisioning server than the audited share (prov-redirect).
 */
#ifndef REDIRECT_H
#define REDIRECT_H

struct findings;
struct merged;
struct prov_share;

/*
 * A redirect is found when the merged view is, its target's name looked
 * up meanwhile (never blocking: a hostile share may name a host whose
 * look-up never ends), and reported by redirect_finish(), which frees it.
 * NULL when nothing redirects.  It borrows from the merged view and the
 * prov_share it was started with: finish it while they live (free it
 * at any time).
 */
struct redirect;
struct redirect	*redirect_start(struct merged *, struct prov_share *);
/* Wait at most ms for the look-up (0: just look); 1 when done. */
int		 redirect_wait(struct redirect *, long);
void		 redirect_finish(struct redirect *, struct findings *);
void		 redirect_free(struct redirect *);
/*
 * All three against the share named by spec (a directory or URL), the
 * look-up given at most ms.
 */
#define REDIRECT_WAIT_MS	5000	/* a share's connect time-out */
void		 redirect_check_spec(struct merged *, const char *, long,
		    struct findings *);
const char	*redirect_type_name(const char *);

#endif
