/*
 * Provisioning redirects: merged values that send the phone to another
 * provisioning server (diagnosis.md section 2).  device.prov.* apply only
 * through the device.set gates, which the merge has already applied.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "merge.h"
#include "provserver.h"
#include "redact.h"
#include "redirect.h"
#include "xalloc.h"

/*
 * device.prov.serverType as a scheme: names as they are, and the numbers
 * real files use, 0 FTP to 4 FTPS (provisioning.md section 5).
 */
const char *
redirect_type_name(const char *type)
{
	static const char *const numbered[] = {
		"FTP", "TFTP", "HTTP", "HTTPS", "FTPS",
	};

	if (type != NULL && type[0] >= '0' && type[0] <= '4' &&
	    type[1] == '\0')
		return numbered[type[0] - '0'];
	return type;
}

/*
 * A redirect found in the merged view, its server name being looked up.
 * It borrows from the merged view and the prov_share it was found with.
 */
struct redirect {
	const char		*file;		/* where it is set */
	int			 line;
	const char		*server;	/* the target; NULL for
						   serverType alone */
	const char		*type;
	const char		*user;		/* device.prov.user, or NULL */
	int			 password;	/* device.prov.password applies */
	struct prov_share	*ps;
	struct prov_lookup	*pl;		/* NULL: nothing to look up */
};

static struct redirect *
redirect_new(const struct eparam *ep, struct prov_share *ps)
{
	struct redirect	*rd = xcalloc(1, sizeof(*rd));

	rd->file = ep->file;
	rd->line = ep->line;
	rd->ps = ps;
	return rd;
}

/*
 * device.prov.serverType alone (no device.prov.serverName applies): the
 * phone asks the server it already knows with that protocol
 * (provisioning.md section 5; a scheme in the server name would override
 * it).  A warning when the audited share is served with another one, a
 * note for a directory.
 */
static void
type_only(const struct redirect *rd, struct findings *fs)
{
	const char	*type = rd->type, *share = prov_share_type(rd->ps);

	if (share == NULL)
		findings_add(fs, FIND_PROV_REDIRECT_UNKNOWN, rd->file,
		    rd->line, "device.prov.serverType sets the protocol %s and "
		    "no device.prov.serverName applies: the phone asks the "
		    "server it knows over %s; whether that server serves this "
		    "directory cannot be told", type, type);
	else
		findings_add(fs, FIND_PROV_REDIRECT, rd->file, rd->line,
		    "device.prov.serverType sets the protocol %s and no "
		    "device.prov.serverName applies: the phone asks the server "
		    "it knows over %s, not over %s as the audited share %s is "
		    "read", type, type, share, prov_share_shown(rd->ps));
}

struct redirect *
redirect_start(struct merged *m, struct prov_share *ps)
{
	const struct eparam	*name, *ep;
	const char		*server, *type, *share;
	struct redirect		*rd;
	char			*shown;

	type = redirect_type_name(merge_applied(m, "device.prov.serverType",
	    &ep));
	if ((server = merge_applied(m, "device.prov.serverName", &name)) ==
	    NULL) {
		share = prov_share_type(ps);
		if (type == NULL || (share != NULL &&
		    strcasecmp(type, share) == 0))
			return NULL;
		rd = redirect_new(ep, ps);
		rd->type = type;
		return rd;
	}
	rd = redirect_new(name, ps);
	rd->type = type;
	rd->user = merge_applied(m, "device.prov.user", &ep);
	rd->password = merge_applied(m, "device.prov.password", &ep) != NULL;
	rd->server = server;
	shown = redact_url(server);
	rd->pl = prov_lookup_start(ps, shown, rd->type);
	free(shown);
	return rd;
}

int
redirect_wait(struct redirect *rd, long ms)
{
	return rd == NULL || rd->pl == NULL || prov_lookup_wait(rd->pl, ms);
}

/*
 * Add prov-redirect when the target is not the audited share: a warning
 * when the share is a server and another one, a note when it is a
 * directory or the look-up has not finished and polyaudit cannot tell.
 * Same server: no finding.
 */
void
redirect_finish(struct redirect *rd, struct findings *fs)
{
	const char		*type;
	char			*why = NULL, *who, *shown;
	enum prov_match		 match;

	if (rd == NULL)
		return;
	if (rd->server == NULL) {
		type_only(rd, fs);
		redirect_free(rd);
		return;
	}
	type = rd->type;
	shown = redact_url(rd->server);
	who = xasprintf("%s%s%s%s", rd->user ? " as user \"" : "", rd->user ?
	    rd->user : "", rd->user ? "\"" : "", rd->password ?
	    " with password " REDACTED : "");
	match = prov_compare(rd->ps, shown, type, rd->pl, &why);
	if (match == PROV_DIFFERENT)
		findings_add(fs, FIND_PROV_REDIRECT, rd->file, rd->line,
		    "device.prov.serverName redirects the phone%s: %s", who,
		    why);
	else if (match == PROV_UNKNOWN)
		findings_add(fs, FIND_PROV_REDIRECT_UNKNOWN, rd->file,
		    rd->line, "device.prov.serverName redirects the phone "
		    "to %s%s%s%s%s: %s", shown, type ? " (" : "", type ?
		    type : "", type ? ")" : "", who, redirect_wait(rd, 0) ?
		    "whether that server serves this directory cannot be "
		    "told; audit the server's URL to be sure" : "the look-up "
		    "of its name did not finish in time, so whether that is "
		    "the audited share cannot be told");
	free(shown);
	free(who);
	free(why);
	redirect_free(rd);
}

void
redirect_free(struct redirect *rd)
{
	if (rd == NULL)
		return;
	prov_lookup_free(rd->pl);
	free(rd);
}

void
redirect_check_spec(struct merged *m, const char *spec, long ms,
    struct findings *fs)
{
	struct prov_share	*ps;
	struct redirect		*rd;
	char			*shown = redact_url(spec);

	ps = prov_share_new(shown);
	rd = redirect_start(m, ps);
	redirect_wait(rd, ms);
	redirect_finish(rd, fs);
	prov_share_free(ps);
	free(shown);
}
