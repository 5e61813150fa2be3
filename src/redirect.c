/*
 * Provisioning redirects: merged values that send the phone to another
 * provisioning server (diagnosis.md section 2).  device.prov.* apply only
 * through the device.set gates, which the merge has already applied.
 */
#include <stdlib.h>
#include <string.h>

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
 * Add prov-redirect when the merged device.prov.serverName sends the
 * phone elsewhere than ps, the audited share: a warning when the share is
 * a server and another one, a note when it is a directory and polyaudit
 * cannot tell.  Same server, or nothing applied: no finding.
 */
void
redirect_check(struct merged *m, struct prov_share *ps, struct findings *fs)
{
	const struct eparam	*name, *ep;
	const char		*server, *type, *user;
	char			*shown, *why = NULL, *who;
	enum prov_match		 match;

	if ((server = merge_applied(m, "device.prov.serverName", &name)) == NULL)
		return;
	type = redirect_type_name(merge_applied(m, "device.prov.serverType", &ep));
	user = merge_applied(m, "device.prov.user", &ep);
	shown = redact_url(server);
	who = xasprintf("%s%s%s%s", user ? " as user \"" : "", user ? user :
	    "", user ? "\"" : "", merge_applied(m, "device.prov.password", &ep) ?
	    " with password " REDACTED : "");
	match = prov_compare(ps, shown, type, NULL, &why);
	if (match == PROV_DIFFERENT)
		findings_add(fs, FIND_PROV_REDIRECT, name->file, name->line,
		    "device.prov.serverName redirects the phone%s: %s", who,
		    why);
	else if (match == PROV_UNKNOWN)
		findings_add(fs, FIND_PROV_REDIRECT_UNKNOWN, name->file,
		    name->line, "device.prov.serverName redirects the phone "
		    "to %s%s%s%s%s: whether that server serves this directory "
		    "cannot be told; audit the server's URL to be sure",
		    shown, type ? " (" : "", type ? type : "", type ? ")" : "",
		    who);
	free(why);
	free(who);
	free(shown);
}

/* redirect_check() against the share named by spec (a directory or URL). */
void
redirect_check_spec(struct merged *m, const char *spec, struct findings *fs)
{
	struct prov_share	*ps;
	char			*shown = redact_url(spec);

	ps = prov_share_new(shown);
	redirect_check(m, ps, fs);
	prov_share_free(ps);
	free(shown);
}
